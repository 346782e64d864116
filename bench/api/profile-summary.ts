/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. from
 * `BENCH_CPU_PROF=DIR npm run bench:api`) as the functions with the most
 * self time and the most inclusive time, each as a share of the busy
 * (non-idle) samples. Shares do not depend on the machine's load, unlike
 * req/s on a shared machine.
 *
 * Usage: tsx bench/api/profile-summary.ts FILE.cpuprofile [TOP=25] [FILTER]
 * where FILTER keeps only functions whose file path contains it (e.g.
 * `/src/` for our own code).
 */
import { readFileSync } from 'node:fs';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, topText = '25', filter = ''] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts FILE.cpuprofile [TOP] [FILTER]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(topText);

const parent = new Map<number, number>();
const byId = new Map<number, ProfileNode>();
for (const n of profile.nodes) {
  byId.set(n.id, n);
  for (const c of n.children ?? []) parent.set(c, n.id);
}

/** A function's key: name and where it is (file shortened after node_modules/ or the repo's src/ and dist/). */
function keyOf(n: ProfileNode): string {
  const { functionName, url, lineNumber } = n.callFrame;
  const short = url.replace(/^.*node_modules\//, '').replace(/^.*\/(src|dist)\//, '$1/').replace(/^file:\/\//, '');
  return `${functionName || '(anonymous)'} ${short}${short ? `:${lineNumber + 1}` : ''}`;
}

const IDLE = new Set(['(idle)']);
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let busy = 0;
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0; // a sample's time is the delta to the next one
  const node = byId.get(profile.samples[i]!)!;
  total += dt;
  if (IDLE.has(node.callFrame.functionName)) continue;
  busy += dt;
  const k = keyOf(node);
  self.set(k, (self.get(k) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const key = keyOf(byId.get(id)!);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  }
}

const print = (title: string, map: Map<string, number>): void => {
  console.log(`\n${title}`);
  const rows = [...map].filter(([k]) => !filter || k.includes(filter)).sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [k, t] of rows) console.log(`${((100 * t) / busy).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
};
console.log(`${file}: busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms sampled (shares below are of busy time)`);
print('self time', self);
print('inclusive time', inclusive);
