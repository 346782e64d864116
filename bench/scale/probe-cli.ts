/**
 * `probeUntil` in a process of its own (see `prober.ts`): `node --import
 * tsx bench/scale/probe-cli.ts PORT NAME` prints `probing` once its socket
 * is open, queries until its standard input ends, then prints one JSON line
 * with the `ProbeResult`.
 */
import { probeUntil } from './udp-probe.ts';

const [port, name] = [Number(process.argv[2]), process.argv[3]!];
const stdinEnded = new Promise((resolve) => process.stdin.on('end', resolve).resume());
console.log('probing');
console.log(JSON.stringify(await probeUntil(port, name, stdinEnded)));
