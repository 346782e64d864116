/**
 * `npm run bench`: every benchmark in turn, each in its own process so one
 * does not warm up or slow down another. Prints their figures; asserts
 * nothing. Record results in docs/benchmarks.md with the machine.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

const benches = ['dns.bench.ts', 'propagation.bench.ts', 'dns-load.bench.ts', 'rrl.bench.ts', 'startup.bench.ts', 'health.bench.ts', 'api.bench.ts'];
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`);
for (const file of benches) {
  console.log(`\n== ${file}`);
  execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(file, import.meta.url))], { stdio: 'inherit' });
}
