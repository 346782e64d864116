/**
 * What one instance costs in the view, in-process (issue 11 item 1): builds
 * the scale data set (`bench/scale/data.ts`, default 100k instances in 1000
 * services, 3 attributes each) and reads V8's used heap after a full GC at
 * each step:
 * - the decoded instances alone (what a snapshot read hands the view);
 * - the view loaded from them (snapshot dropped);
 * - the encoded-record memo of every service (one A query each), and of
 *   every host name (one SRV query each);
 * - the view after incremental loading (one InstanceUpserted event each).
 * Needs `--expose-gc`: `node --expose-gc --import tsx bench/scale-anatomy.ts`
 * (`npm run bench:scale -- --anatomy` runs it so). Prints bytes per instance.
 */
import { createResolver } from '../src/dns/resolver.ts';
import { RRType } from '../src/dns/constants.ts';
import { View } from '../src/view/view.ts';
import { INSTANCES, SERVICES, ZONE, model, serviceName } from './scale/data.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function used(): number {
  for (let i = 0; i < 3; i++) gc!();
  return process.memoryUsage().heapUsed;
}

const per = (bytes: number): string => `${(bytes / INSTANCES).toFixed(0)} B/instance (${(bytes / 2 ** 20).toFixed(1)} MiB)`;

/** The view loaded from a fresh snapshot (built in a function so the snapshot is garbage afterwards). */
function loadedView(): View {
  const m = model();
  const view = new View();
  view.load({ revision: 1, namespaces: [m.namespace], services: m.services, instances: m.instances });
  return view;
}

/** A view built from one change event per namespace, service and instance, as a follower builds it incrementally. */
function incrementalView(): View {
  const m = model();
  const view = new View();
  view.apply({ type: 'NamespaceUpserted', revision: 1, namespace: m.namespace });
  let revision = 2;
  for (const service of m.services) view.apply({ type: 'ServiceUpserted', revision: revision++, service });
  for (const instance of m.instances) view.apply({ type: 'InstanceUpserted', revision: revision++, instance });
  return view;
}

const base = used();
const snapshot = model();
const withSnapshot = used();
console.log(`decoded instances (snapshot objects): ${per(withSnapshot - base)}`);
snapshot.instances.length = 0;
const cleared = used();
const view = loadedView();
const loaded = used();
console.log(`view after load (snapshot dropped):    ${per(loaded - cleared)}`);
const resolver = createResolver(view);
for (let i = 0; i < SERVICES; i++) resolver.resolve({ name: `${serviceName(i)}.${ZONE}`, type: RRType.A });
const memo = used();
console.log(`+ record memo of every service (A):    ${per(memo - loaded)}`);
for (let i = 0; i < SERVICES; i++) resolver.resolve({ name: `${serviceName(i)}.${ZONE}`, type: RRType.SRV });
const memoSrv = used();
console.log(`+ after SRV queries too:               ${per(memoSrv - loaded)}`);
console.log(`total view + memo:                     ${per(memoSrv - cleared)}`);
const view2 = incrementalView();
const incremental = used();
console.log(`a second view, built from events:      ${per(incremental - memoSrv)}`);
console.log(`${INSTANCES} instances in ${SERVICES} services; node ${process.version}; (${view.services.size + view2.services.size} services held)`);
