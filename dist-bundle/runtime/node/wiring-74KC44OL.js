import {
  CloudMapError,
  RedisKeys,
  RedisStore,
  ReservedAttributes,
  callCloudMap,
  canonicalIPv6,
  corefileZones,
  createLogger,
  createRedisClient,
  deregisterInstance,
  isDnsNamespace,
  isIPv4,
  isIPv6,
  listAllPages,
  reconnectWhenReadOnly,
  redisTargetOf,
  registerInstance,
  renderCorefile,
  resolveReconcileConfig,
  resolveServeConfig,
  serviceRRsets,
  serviceRecordName,
  setInstanceHealth,
  setNamespaceHostedZone
} from "./chunk-T25TSU7F.js";

// src/reconcile/wiring.ts
import { Route53Client } from "@aws-sdk/client-route-53";
import { KubeConfig } from "@kubernetes/client-node";

// src/reconcile/controller.ts
var Controller = class {
  #o;
  #timer;
  #due = Infinity;
  #running;
  #again = false;
  #lastStart = 0;
  #failures = 0;
  #stopWatch;
  #stopped = true;
  /** Passes completed (tests and logs). */
  passes = 0;
  constructor(options) {
    this.#o = { dryRun: false, intervalMs: 6e4, minIntervalMs: 1e3, ...options };
  }
  /** One pass over every target; never throws for a target's failure (see `PassResult.error`). */
  async runOnce() {
    const state = await this.#o.source.read();
    const results = [];
    for (const target of this.#o.targets) {
      try {
        results.push({ target: target.name, report: await target.run(state, this.#o.dryRun) });
      } catch (error) {
        results.push({ target: target.name, error });
      }
    }
    return results;
  }
  /** Starts leadership, watches and the loop; the first pass runs at once when leader. */
  async start() {
    this.#stopped = false;
    const trigger = (reason) => this.trigger(reason);
    await this.#o.leadership.start((leader) => {
      this.#o.logger.info({ leader }, leader ? "reconcile: leading" : "reconcile: not leading");
      this.#o.observer?.leadership?.(leader);
      if (leader) trigger("leadership");
    });
    if (this.#o.source.watch) this.#stopWatch = await this.#o.source.watch(() => trigger("state"));
    for (const t of this.#o.targets) await t.start?.(trigger);
    trigger("start");
  }
  /** Stops the loop, the watches and leadership; waits for a running pass. */
  async stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    await this.#stopWatch?.();
    for (const t of this.#o.targets) await t.stop?.();
    await this.#o.leadership.stop();
  }
  /** Ask for a pass soon (no sooner than `minIntervalMs` after the last one started). */
  trigger(reason) {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#o.logger.debug({ reason }, "reconcile: triggered");
    this.#schedule(Math.max(0, this.#lastStart + this.#o.minIntervalMs - Date.now()));
  }
  #schedule(delayMs) {
    const at = Date.now() + delayMs;
    if (at >= this.#due && this.#timer) return;
    clearTimeout(this.#timer);
    this.#due = at;
    this.#timer = setTimeout(() => {
      this.#timer = void 0;
      this.#due = Infinity;
      this.#running = this.#pass().finally(() => {
        this.#running = void 0;
        if (this.#stopped) return;
        if (this.#again) {
          this.#again = false;
          this.trigger("changed during pass");
        }
      });
    }, delayMs);
    this.#timer.unref?.();
  }
  async #pass() {
    if (!this.#o.leadership.isLeader()) {
      this.#schedule(this.#o.intervalMs);
      return;
    }
    this.#lastStart = Date.now();
    let failed = false;
    try {
      const results = await this.runOnce();
      this.#o.observer?.passed?.(results, Date.now() - this.#lastStart);
      for (const r of results) {
        if (r.error) {
          failed = true;
          this.#o.logger.warn({ target: r.target, err: r.error.message }, "reconcile: target failed; will retry");
          continue;
        }
        const { lines, changes, conflicts, failures } = r.report;
        if (failures) failed = true;
        const level = changes || conflicts || failures ? "info" : "debug";
        this.#o.logger[level]({ target: r.target, changes, conflicts, failures, dryRun: this.#o.dryRun }, lines[0] ?? r.target);
        for (const line of lines.slice(1)) this.#o.logger.debug({ target: r.target }, line.trim());
      }
    } catch (error) {
      failed = true;
      this.#o.observer?.passed?.([], Date.now() - this.#lastStart, error);
      this.#o.logger.warn({ err: error.message }, "reconcile: cannot read Cloud Map state; will retry");
    }
    this.passes++;
    this.#failures = failed ? this.#failures + 1 : 0;
    const backoff = Math.min(this.#o.intervalMs, this.#o.minIntervalMs * 2 ** this.#failures);
    this.#schedule(failed ? backoff : this.#o.intervalMs);
  }
};
function exitCode(results) {
  return results.every((r) => !r.error && r.report.failures === 0) ? 0 : 1;
}

// src/reconcile/leader.ts
var AlwaysLeader = class {
  isLeader() {
    return true;
  }
  async start(onChange) {
    onChange?.(true);
  }
  async stop() {
  }
};
var ACQUIRE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`;
var RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
var RedisLease = class {
  #redis;
  #key;
  #holder;
  #ttlMs;
  #renewMs;
  #now;
  #validUntil = 0;
  #timer;
  #onChange;
  #was = false;
  #stopped = false;
  constructor(redis, options) {
    this.#redis = redis;
    this.#key = options.key;
    this.#holder = options.holder;
    this.#ttlMs = options.ttlMs ?? 15e3;
    this.#renewMs = options.renewMs ?? Math.floor(this.#ttlMs / 3);
    this.#now = options.now ?? Date.now;
    if (this.#renewMs * 2 >= this.#ttlMs) throw new Error("renewMs must be less than half of ttlMs");
  }
  isLeader() {
    const leader = this.#now() < this.#validUntil;
    this.#notify(leader);
    return leader;
  }
  /** Tries once to acquire or renew; resolves with whether we hold the lease. Redis errors count as not holding it. */
  async tryAcquire() {
    const started = this.#now();
    try {
      const got = await this.#redis.eval(ACQUIRE, 1, this.#key, this.#holder, String(this.#ttlMs));
      this.#validUntil = got === 1 ? started + this.#ttlMs - this.#renewMs : 0;
    } catch {
    }
    return this.isLeader();
  }
  async start(onChange) {
    this.#onChange = onChange;
    this.#stopped = false;
    await this.tryAcquire();
    const tick = () => {
      if (this.#stopped) return;
      void this.tryAcquire().finally(() => {
        if (!this.#stopped) this.#timer = setTimeout(tick, this.#renewMs);
      });
    };
    this.#timer = setTimeout(tick, this.#renewMs);
  }
  async stop() {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const held = this.#now() < this.#validUntil;
    this.#validUntil = 0;
    this.#notify(false);
    if (held) await this.#redis.eval(RELEASE, 1, this.#key, this.#holder).catch(() => {
    });
  }
  #notify(leader) {
    if (leader === this.#was) return;
    this.#was = leader;
    this.#onChange?.(leader);
  }
};

// src/reconcile/state.ts
var byName = (a, b) => a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
function groupState(snapshot) {
  const namespaces = [...snapshot.namespaces].sort(byName);
  const nsById = new Map(namespaces.map((n) => [n.id, n]));
  const services = new Map(namespaces.map((n) => [n.id, []]));
  const bySvc = /* @__PURE__ */ new Map();
  for (const service of [...snapshot.services].sort(byName)) {
    const namespace = nsById.get(service.namespaceId);
    if (!namespace) continue;
    const entry = { namespace, service, instances: [] };
    services.get(namespace.id).push(entry);
    bySvc.set(service.id, entry);
  }
  const instances = [...snapshot.instances].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const inst of instances) bySvc.get(inst.serviceId)?.instances.push(inst);
  return { revision: snapshot.revision, namespaces, services };
}
function dnsNamespaces(state) {
  return state.namespaces.filter(isDnsNamespace);
}

// src/reconcile/sources.ts
function storeSource(store) {
  return {
    kind: `store (${store.kind})`,
    read: async () => groupState(await store.snapshot()),
    watch: async (onChange) => {
      const sub = store.subscribe(await store.revision(), { onEvents: () => onChange(), onGap: () => onChange() });
      return () => sub.close();
    }
  };
}
function apiSource(endpoint, options = {}) {
  const account = options.accountId ?? "123456789012";
  return {
    kind: `api (${endpoint})`,
    read: async () => {
      const namespaces = (await listAllPages(endpoint, "ListNamespaces", {}, "Namespaces")).map((n) => ({
        id: n.Id,
        arn: n.Arn,
        name: n.Name,
        type: n.Type,
        createDate: (n.CreateDate ?? 0) * 1e3,
        httpName: n.Name,
        resourceOwner: account,
        ...n.Properties?.DnsProperties?.HostedZoneId ? { hostedZoneId: n.Properties.DnsProperties.HostedZoneId } : {},
        ...n.Properties?.DnsProperties?.SOA?.TTL !== void 0 ? { soaTtl: n.Properties.DnsProperties.SOA.TTL } : {},
        ...n.Type === "DNS_PRIVATE" && options.vpc ? { vpc: options.vpc } : {}
      }));
      const services = [];
      const instances = [];
      for (const ns of namespaces) {
        const summaries = await listAllPages(endpoint, "ListServices", { Filters: [{ Name: "NAMESPACE_ID", Values: [ns.id], Condition: "EQ" }] }, "Services");
        for (const s of summaries) {
          services.push({
            id: s.Id,
            arn: s.Arn,
            name: s.Name,
            namespaceId: ns.id,
            type: s.Type ?? "DNS_HTTP",
            createdByAccount: account,
            resourceOwner: account,
            createDate: (s.CreateDate ?? 0) * 1e3,
            instancesRevision: 0,
            ...s.DnsConfig?.DnsRecords ? { dnsRecords: s.DnsConfig.DnsRecords.map((r) => ({ type: r.Type, ttl: r.TTL })), routingPolicy: s.DnsConfig.RoutingPolicy ?? "MULTIVALUE" } : {}
          });
          const list = await listAllPages(endpoint, "ListInstances", { ServiceId: s.Id }, "Instances");
          const health = {};
          let token;
          while (list.length) {
            const page = await callCloudMap(endpoint, "GetInstancesHealthStatus", { ServiceId: s.Id, ...token ? { NextToken: token } : {} });
            Object.assign(health, page.Status);
            if (!(token = page.NextToken)) break;
          }
          for (const i of list) {
            instances.push({ id: i.Id, serviceId: s.Id, attributes: i.Attributes ?? {}, createdByAccount: account, createDate: 0, updateDate: 0, healthStatus: health[i.Id] ?? "UNKNOWN" });
          }
        }
      }
      return groupState({ revision: 0, namespaces, services, instances });
    }
  };
}

// src/reconcile/backoff.ts
var ROUTE53_SOFT_ERRORS = /* @__PURE__ */ new Set(["Throttling", "ThrottlingException", "PriorRequestNotComplete"]);
function isRoute53Throttle(error) {
  return error instanceof Error && ROUTE53_SOFT_ERRORS.has(error.name);
}
var defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function retrySoft(fn, options) {
  const { attempts = 6, baseMs = 200, maxMs = 1e4, isSoft, onRetry, sleep = defaultSleep, random = Math.random } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isSoft(error) || attempt + 1 >= attempts) throw error;
      const delay = Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt));
      onRetry?.(error, attempt + 1, delay);
      await sleep(delay);
    }
  }
}

// src/reconcile/plan.ts
var byKey = (key) => (a, b) => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};
function plan(desired, current, options) {
  const { key, checks } = options;
  const want = /* @__PURE__ */ new Map();
  for (const d of desired) {
    const k = key(d);
    if (!want.has(k)) want.set(k, d);
  }
  const have = /* @__PURE__ */ new Map();
  for (const c of current) {
    const k = key(c.value);
    const prior = have.get(k);
    if (!prior || !prior.owned && c.owned) have.set(k, c);
  }
  const changes = { create: [], update: [], delete: [], conflicts: [] };
  for (const [k, d] of want) {
    const c = have.get(k);
    if (!c) {
      changes.create.push(d);
    } else if (!c.owned) {
      changes.conflicts.push({ desired: d, current: c.value });
    } else {
      const reasons = checks.filter((check) => check.changed(c.value, d)).map((check) => check.name);
      if (reasons.length) changes.update.push({ current: c.value, desired: d, reasons });
    }
  }
  for (const [k, c] of have) if (c.owned && !want.has(k)) changes.delete.push(c.value);
  const sort = byKey(key);
  changes.create.sort(sort);
  changes.delete.sort(sort);
  changes.update.sort((a, b) => sort(a.desired, b.desired));
  changes.conflicts.sort((a, b) => sort(a.desired, b.desired));
  return changes;
}
function formatChanges(provider, changes, describe) {
  const head = `${provider}: ${changes.create.length} to create, ${changes.update.length} to update, ${changes.delete.length} to delete, ${changes.conflicts.length} not owned (left alone)`;
  return [
    head,
    ...changes.create.map((c) => `  + ${describe(c)}`),
    ...changes.update.map((u) => {
      const was = describe(u.current);
      return `  ~ ${describe(u.desired)} (${u.reasons.join(", ")}${was === describe(u.desired) ? "" : `; was ${was}`})`;
    }),
    ...changes.delete.map((d) => `  - ${describe(d)}`),
    ...changes.conflicts.map((c) => `  ! ${describe(c.desired)}: held by an object cloudmap-dns does not own, left alone`)
  ];
}

// src/reconcile/kubernetes/client.ts
import { ApiException, CoreV1Api, DiscoveryV1Api, makeInformer } from "@kubernetes/client-node";
var KubeError = class extends Error {
  constructor(code, reason, message) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.name = "KubeError";
  }
  code;
  reason;
};
function kubeError(error) {
  if (!(error instanceof ApiException)) return error;
  let reason = "";
  let message = `HTTP ${error.code}`;
  try {
    const status = typeof error.body === "string" ? JSON.parse(error.body) : error.body;
    reason = status?.reason ?? "";
    message = status?.message ?? message;
  } catch {
  }
  return new KubeError(error.code, reason, message);
}
async function call(fn) {
  try {
    return await fn();
  } catch (error) {
    throw kubeError(error);
  }
}
function kindClients(kc, namespace) {
  const core = kc.makeApiClient(CoreV1Api);
  const discovery = kc.makeApiClient(DiscoveryV1Api);
  const any = (o) => o;
  const ifFound = async (fn) => {
    try {
      return await call(fn);
    } catch (error) {
      if (error instanceof KubeError && error.code === 404) return void 0;
      throw error;
    }
  };
  const deleteWith = async (fn) => await ifFound(fn) !== void 0;
  const pre = (uid) => ({ body: uid ? { preconditions: { uid } } : {} });
  return {
    Service: {
      kind: "Service",
      list: async (labelSelector) => any((await call(() => core.listNamespacedService({ namespace, labelSelector }))).items),
      get: (name) => ifFound(() => core.readNamespacedService({ name, namespace })),
      create: (body) => call(() => core.createNamespacedService({ namespace, body: any(body) })),
      replace: (name, body) => call(() => core.replaceNamespacedService({ name, namespace, body: any(body) })),
      delete: (name, uid) => deleteWith(() => core.deleteNamespacedService({ name, namespace, ...pre(uid) })),
      informer: (labelSelector) => makeInformer(kc, `/api/v1/namespaces/${namespace}/services`, () => core.listNamespacedService({ namespace, labelSelector }), labelSelector)
    },
    EndpointSlice: {
      kind: "EndpointSlice",
      list: async (labelSelector) => any((await call(() => discovery.listNamespacedEndpointSlice({ namespace, labelSelector }))).items),
      get: (name) => ifFound(() => discovery.readNamespacedEndpointSlice({ name, namespace })),
      create: (body) => call(() => discovery.createNamespacedEndpointSlice({ namespace, body: any(body) })),
      replace: (name, body) => call(() => discovery.replaceNamespacedEndpointSlice({ name, namespace, body: any(body) })),
      delete: (name, uid) => deleteWith(() => discovery.deleteNamespacedEndpointSlice({ name, namespace, ...pre(uid) })),
      informer: (labelSelector) => makeInformer(kc, `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`, () => discovery.listNamespacedEndpointSlice({ namespace, labelSelector }), labelSelector)
    },
    ConfigMap: {
      kind: "ConfigMap",
      list: async (labelSelector) => any((await call(() => core.listNamespacedConfigMap({ namespace, labelSelector }))).items),
      get: (name) => ifFound(() => core.readNamespacedConfigMap({ name, namespace })),
      create: (body) => call(() => core.createNamespacedConfigMap({ namespace, body: any(body) })),
      replace: (name, body) => call(() => core.replaceNamespacedConfigMap({ name, namespace, body: any(body) })),
      delete: (name, uid) => deleteWith(() => core.deleteNamespacedConfigMap({ name, namespace, ...pre(uid) })),
      informer: (labelSelector) => makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`, () => core.listNamespacedConfigMap({ namespace, labelSelector }), labelSelector)
    }
  };
}

// src/reconcile/kubernetes/objects.ts
var MANAGED_BY = "app.kubernetes.io/managed-by";
var MANAGER = "cloudmap-dns";
var NAMESPACE_ID_LABEL = "cloudmap-dns/namespace-id";
var SERVICE_ID_LABEL = "cloudmap-dns/service-id";
var NAMESPACE_NAME_ANNOTATION = "cloudmap-dns/namespace-name";
var SERVICE_NAME_ANNOTATION = "cloudmap-dns/service-name";
var DNS_NAME_ANNOTATION = "cloudmap-dns/dns-name";
var SERVICE_NAME_LABEL = "kubernetes.io/service-name";
var SLICE_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
function objectKey(o) {
  return `${o.kind}/${o.namespace}/${o.name}`;
}
function isOwned(raw) {
  return raw.metadata?.labels?.[MANAGED_BY] === MANAGER;
}
var subset = (want, have) => Object.entries(want).every(([k, v]) => have[k] === v);
var same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
var labelsCheck = { name: "labels", changed: (c, d) => !subset(d.labels, c.labels) };
var annotationsCheck = { name: "annotations", changed: (c, d) => !subset(d.annotations, c.annotations) };
var fieldCheck = (field) => ({
  name: field,
  changed: (c, d) => field in d.fields && !same(c.fields[field], d.fields[field])
});
var dataCheck = {
  name: "data",
  changed: (c, d) => "data" in d.fields && !subset(d.fields.data, c.fields.data ?? {})
};
var OBJECT_CHECKS = [
  labelsCheck,
  annotationsCheck,
  fieldCheck("spec"),
  fieldCheck("addressType"),
  fieldCheck("endpoints"),
  fieldCheck("ports"),
  dataCheck
];
var normalPorts = (ports, withTarget) => (ports ?? []).map((p) => ({ name: p.name ?? "", port: p.port, protocol: p.protocol ?? "TCP", ...withTarget ? { targetPort: p.targetPort ?? p.port } : {} })).sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : (a.port ?? 0) - (b.port ?? 0));
function normalServiceSpec(spec) {
  const type = spec?.type ?? "ClusterIP";
  if (type === "ExternalName") return { type, externalName: String(spec?.externalName ?? "").replace(/\.$/, "").toLowerCase() };
  return { type, clusterIP: spec?.clusterIP === "None" ? "None" : "assigned", ports: normalPorts(spec?.ports, true) };
}
function normalEndpoints(endpoints) {
  return (endpoints ?? []).map((e) => ({
    addresses: [...e.addresses ?? []].sort(),
    conditions: { ready: e.conditions?.ready ?? true, serving: e.conditions?.serving ?? e.conditions?.ready ?? true, terminating: e.conditions?.terminating ?? false },
    ...e.hostname ? { hostname: e.hostname } : {}
  })).sort((a, b) => a.addresses[0] < b.addresses[0] ? -1 : a.addresses[0] > b.addresses[0] ? 1 : 0);
}
function fromKube(kind, raw) {
  const fields = {};
  if (kind === "Service") fields.spec = normalServiceSpec(raw.spec);
  if (kind === "EndpointSlice") {
    fields.addressType = raw.addressType;
    fields.endpoints = normalEndpoints(raw.endpoints);
    fields.ports = normalPorts(raw.ports, false);
  }
  if (kind === "ConfigMap") fields.data = raw.data ?? {};
  return {
    kind,
    namespace: raw.metadata?.namespace ?? "",
    name: raw.metadata?.name ?? "",
    labels: { ...raw.metadata?.labels },
    annotations: { ...raw.metadata?.annotations },
    fields,
    raw
  };
}
var API_VERSION = { Service: "v1", EndpointSlice: "discovery.k8s.io/v1", ConfigMap: "v1" };
function managedFields(o) {
  if (o.kind === "Service") {
    const spec = o.fields.spec;
    if (spec.type === "ExternalName") return { spec: { type: "ExternalName", externalName: spec.externalName } };
    return { spec: { type: spec.type, clusterIP: spec.clusterIP === "None" ? "None" : void 0, ports: spec.ports } };
  }
  if (o.kind === "EndpointSlice") return { addressType: o.fields.addressType, endpoints: o.fields.endpoints, ports: o.fields.ports };
  return { data: o.fields.data };
}
function toKube(o) {
  return {
    apiVersion: API_VERSION[o.kind],
    kind: o.kind,
    metadata: { name: o.name, namespace: o.namespace, labels: o.labels, annotations: o.annotations },
    ...JSON.parse(JSON.stringify(managedFields(o)))
  };
}
function mergeInto(base, desired) {
  const out = structuredClone(base);
  out.metadata = { ...out.metadata, labels: { ...out.metadata?.labels, ...desired.labels }, annotations: { ...out.metadata?.annotations, ...desired.annotations } };
  const fields = JSON.parse(JSON.stringify(managedFields(desired)));
  if (desired.kind === "Service") {
    const spec = { ...out.spec };
    if (fields.spec.type === "ExternalName") {
      for (const k of ["clusterIP", "clusterIPs", "ports", "ipFamilies", "ipFamilyPolicy", "internalTrafficPolicy"]) delete spec[k];
    }
    out.spec = { ...spec, ...fields.spec };
  } else if (desired.kind === "ConfigMap") {
    out.data = { ...out.data, ...fields.data };
  } else {
    Object.assign(out, fields);
  }
  return out;
}

// src/reconcile/kubernetes/apply.ts
async function readCurrent(clients, owned, kinds, desired) {
  const current = [];
  const seen = /* @__PURE__ */ new Set();
  kinds.forEach((kind, i) => {
    for (const raw of owned[i] ?? []) {
      if (!isOwned(raw)) continue;
      const m = fromKube(kind, raw);
      seen.add(objectKey(m));
      current.push({ value: m, owned: true });
    }
  });
  for (const d of desired) {
    if (seen.has(objectKey(d))) continue;
    const raw = await clients[d.kind].get(d.name);
    if (raw) current.push({ value: fromKube(d.kind, raw), owned: isOwned(raw) });
  }
  return current;
}
var isCode = (error, code) => error instanceof KubeError && error.code === code;
async function planAndApply(clients, desired, current, dryRun) {
  const changes = plan(desired, current, { key: objectKey, checks: OBJECT_CHECKS });
  const result = { changes, failed: [], conflictRetries: 0 };
  if (dryRun) return result;
  const fail = (o, error) => void result.failed.push({ key: objectKey(o), error });
  const update = async (desiredObject, base) => {
    const client = clients[desiredObject.kind];
    let latest = base;
    await retrySoft(async (attempt) => {
      if (attempt > 0) {
        result.conflictRetries++;
        const fresh = await client.get(desiredObject.name);
        if (!fresh) {
          await client.create(toKube(desiredObject));
          return;
        }
        if (!isOwned(fresh)) throw new KubeError(409, "Conflict", `${objectKey(desiredObject)} is no longer owned by cloudmap-dns; left alone`);
        latest = fresh;
      }
      await client.replace(desiredObject.name, mergeInto(latest, desiredObject));
    }, { isSoft: (e) => isCode(e, 409) && e.reason === "Conflict" && !e.message.includes("no longer owned"), baseMs: 50, maxMs: 1e3, attempts: 5 });
  };
  for (const d of changes.delete) {
    try {
      await clients[d.kind].delete(d.name, d.raw?.metadata?.uid);
    } catch (error) {
      fail(d, error);
    }
  }
  for (const u of changes.update) {
    try {
      await update(u.desired, u.current.raw);
    } catch (error) {
      if (isCode(error, 404)) {
        await clients[u.desired.kind].create(toKube(u.desired)).catch((e) => fail(u.desired, e));
      } else if (isCode(error, 422) && u.desired.kind === "Service") {
        try {
          await clients.Service.delete(u.desired.name, u.current.raw?.metadata?.uid);
          await clients.Service.create(toKube(u.desired));
        } catch (e) {
          fail(u.desired, e);
        }
      } else {
        fail(u.desired, error);
      }
    }
  }
  for (const c of changes.create) {
    try {
      await clients[c.kind].create(toKube(c));
    } catch (error) {
      if (!isCode(error, 409)) {
        fail(c, error);
        continue;
      }
      const raw = await clients[c.kind].get(c.name).catch(() => void 0);
      if (raw && isOwned(raw)) await update(c, raw).catch((e) => fail(c, e));
      else if (raw) changes.conflicts.push({ desired: c, current: fromKube(c.kind, raw) });
      else fail(c, error);
    }
  }
  return result;
}

// src/reconcile/corefile/provider.ts
var CorefileProvider = class {
  name = "corefile";
  #o;
  #clients;
  constructor(options) {
    this.#o = { name: "coredns-custom", namespace: "kube-system", key: "cloudmap.server", ...options, render: { health: false, ...options.render } };
    this.#clients = kindClients(options.kubeConfig, this.#o.namespace);
  }
  /** The ConfigMap the state asks for. Pure apart from the options. */
  desired(state) {
    const text = renderCorefile(corefileZones(state.namespaces), this.#o.render);
    return {
      kind: "ConfigMap",
      namespace: this.#o.namespace,
      name: this.#o.name,
      labels: { [MANAGED_BY]: MANAGER },
      annotations: {},
      fields: { data: { [this.#o.key]: text } }
    };
  }
  /** Plans the ConfigMap and, unless `dryRun`, writes it when its text differs. */
  async reconcile(state, dryRun) {
    const want = this.desired(state);
    const current = await readCurrent(this.#clients, [], [], [want]);
    const result = await planAndApply(this.#clients, [want], current, dryRun);
    return result;
  }
};

// src/reconcile/kubernetes/inbound.ts
import { CoreV1Api as CoreV1Api2, DiscoveryV1Api as DiscoveryV1Api2, makeInformer as makeInformer2 } from "@kubernetes/client-node";

// src/reconcile/kubernetes/source.ts
var SERVICE_ID_ANNOTATION = "cloudmap-dns/service-id";
var NAMESPACE_ANNOTATION = "cloudmap-dns/namespace";
var SERVICE_ANNOTATION = "cloudmap-dns/service";
var PORT_ANNOTATION = "cloudmap-dns/port";
var SOURCE_ATTRIBUTE = "K8S_SOURCE";
var instanceKey = (i) => `${i.serviceId}/${i.instanceId}`;
var same2 = (a, b) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);
var attributesCheck = { name: "attributes", changed: (c, d) => !same2(c.attributes, d.attributes) };
var healthCheck = { name: "health", changed: (c, d) => c.healthy !== d.healthy };
var SOURCE_CHECKS = [attributesCheck, healthCheck];
function targetServiceId(svc, state) {
  if (isOwned(svc)) return void 0;
  const a = svc.metadata?.annotations ?? {};
  const all = [...state.services.values()].flat();
  if (a[SERVICE_ID_ANNOTATION]) return all.find((s) => s.service.id === a[SERVICE_ID_ANNOTATION])?.service.id;
  const ns = a[NAMESPACE_ANNOTATION]?.replace(/\.$/, "").toLowerCase();
  const name = a[SERVICE_ANNOTATION]?.toLowerCase();
  if (!ns || !name) return void 0;
  return all.find((s) => s.namespace.httpName.toLowerCase() === ns && s.service.name.toLowerCase() === name)?.service.id;
}
function pickPort(ports, wanted) {
  const list = ports ?? [];
  const hit = wanted === void 0 ? list[0] : list.find((p) => p.name === wanted || String(p.port) === wanted);
  return hit?.port ?? void 0;
}
function desiredInstances(services, slices, state, options = {}) {
  const cluster = options.clusterName ?? "kubernetes";
  const out = /* @__PURE__ */ new Map();
  for (const svc of services) {
    const serviceId = targetServiceId(svc, state);
    if (!serviceId) continue;
    const k8sNs = svc.metadata?.namespace ?? "";
    const k8sName = svc.metadata?.name ?? "";
    const wantedPort = svc.metadata?.annotations?.[PORT_ANNOTATION];
    for (const slice of slices) {
      if (slice.metadata?.namespace !== k8sNs || slice.metadata?.labels?.[SERVICE_NAME_LABEL] !== k8sName) continue;
      const family = slice.addressType;
      if (family !== "IPv4" && family !== "IPv6") continue;
      const port = pickPort(slice.ports, wantedPort);
      for (const ep of slice.endpoints ?? []) {
        const address = ep?.addresses?.[0];
        if (!address || !(family === "IPv4" ? isIPv4(address) : isIPv6(address))) continue;
        const pod = ep.targetRef?.kind === "Pod" ? ep.targetRef.name : void 0;
        const instanceId = pod ?? address;
        const key = instanceKey({ serviceId, instanceId });
        const prior = out.get(key);
        const attributes = {
          ...prior?.attributes,
          [family === "IPv4" ? ReservedAttributes.IPV4 : ReservedAttributes.IPV6]: address,
          ...port !== void 0 ? { [ReservedAttributes.PORT]: String(port) } : {},
          ...ep.zone ? { AVAILABILITY_ZONE: String(ep.zone) } : {},
          ...options.region ? { REGION: options.region } : {},
          ECS_CLUSTER_NAME: cluster,
          ECS_SERVICE_NAME: k8sName,
          K8S_NAMESPACE: k8sNs,
          ...pod ? { K8S_POD_NAME: pod } : {},
          ...ep.nodeName ? { K8S_NODE_NAME: String(ep.nodeName) } : {},
          [SOURCE_ATTRIBUTE]: `${cluster}/${k8sNs}/${k8sName}`
        };
        const ready = ep.conditions?.ready ?? true;
        out.set(key, { serviceId, instanceId, attributes, healthy: (prior?.healthy ?? true) && ready });
      }
    }
  }
  return [...out.values()];
}
function currentInstances(state, options = {}) {
  const prefix = `${options.clusterName ?? "kubernetes"}/`;
  const out = [];
  for (const entries of state.services.values()) {
    for (const { service, instances } of entries) {
      for (const inst of instances) {
        const value = { serviceId: service.id, instanceId: inst.id, attributes: inst.attributes, healthy: inst.healthStatus !== "UNHEALTHY" };
        out.push({ value, owned: inst.attributes[SOURCE_ATTRIBUTE]?.startsWith(prefix) ?? false });
      }
    }
  }
  return out;
}

// src/reconcile/kubernetes/inbound.ts
var InboundSource = class {
  name = "kubernetes-source";
  #o;
  #core;
  #discovery;
  #informers = [];
  constructor(options) {
    this.#o = options;
    this.#core = options.kubeConfig.makeApiClient(CoreV1Api2);
    this.#discovery = options.kubeConfig.makeApiClient(DiscoveryV1Api2);
  }
  #listServices = () => this.#o.namespace ? this.#core.listNamespacedService({ namespace: this.#o.namespace }) : this.#core.listServiceForAllNamespaces();
  #listSlices = () => this.#o.namespace ? this.#discovery.listNamespacedEndpointSlice({ namespace: this.#o.namespace }) : this.#discovery.listEndpointSliceForAllNamespaces();
  /** Starts the informers; resolves once both have listed. */
  async start() {
    const ns = this.#o.namespace;
    const services = makeInformer2(this.#o.kubeConfig, ns ? `/api/v1/namespaces/${ns}/services` : "/api/v1/services", this.#listServices);
    const slices = makeInformer2(this.#o.kubeConfig, ns ? `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices` : "/apis/discovery.k8s.io/v1/endpointslices", this.#listSlices);
    this.#informers = [services, slices];
    for (const informer of this.#informers) {
      for (const event of ["add", "update", "delete"]) informer.on(event, () => this.#o.onChange?.());
      informer.on("error", () => setTimeout(() => void informer.start().catch(() => {
      }), 2e3).unref());
    }
    await Promise.all(this.#informers.map((i) => i.start()));
  }
  async stop() {
    await Promise.all(this.#informers.map((i) => i.stop()));
    this.#informers = [];
  }
  async #read() {
    if (this.#informers.length) return [this.#informers[0].list(), this.#informers[1].list()];
    try {
      const [s, e] = await Promise.all([this.#listServices(), this.#listSlices()]);
      return [s.items, e.items];
    } catch (error) {
      throw kubeError(error);
    }
  }
  /** Plans registrations against `state` and, unless `dryRun`, applies them through ops. */
  async reconcile(state, dryRun) {
    const [services, slices] = await this.#read();
    const desired = desiredInstances(services, slices, state, this.#o);
    const changes = plan(desired, currentInstances(state, this.#o), { key: instanceKey, checks: SOURCE_CHECKS });
    const result = { changes, failed: [] };
    if (dryRun) return result;
    const deps = this.#o.ops;
    const health = (i) => setInstanceHealth(deps, { serviceId: i.serviceId, instanceId: i.instanceId, status: i.healthy ? "HEALTHY" : "UNHEALTHY", ifExists: true, reason: "EndpointSlice conditions.ready" });
    const attempt = async (i, fn) => {
      try {
        await fn();
      } catch (error) {
        result.failed.push({ key: instanceKey(i), error });
      }
    };
    for (const d of changes.delete) {
      await attempt(d, async () => {
        try {
          await deregisterInstance(deps, { serviceId: d.serviceId, instanceId: d.instanceId });
        } catch (error) {
          if (!(error instanceof CloudMapError && error.type === "InstanceNotFound")) throw error;
        }
      });
    }
    for (const u of changes.update) {
      await attempt(u.desired, async () => {
        const reregister = u.reasons.includes("attributes");
        if (reregister) await registerInstance(deps, { serviceId: u.desired.serviceId, instanceId: u.desired.instanceId, attributes: u.desired.attributes });
        if (!u.desired.healthy || u.reasons.includes("health")) await health(u.desired);
      });
    }
    for (const c of changes.create) {
      await attempt(c, async () => {
        await registerInstance(deps, { serviceId: c.serviceId, instanceId: c.instanceId, attributes: c.attributes });
        if (!c.healthy) await health(c);
      });
    }
    return result;
  }
};
function describeInstance(i) {
  const addr = i.attributes.AWS_INSTANCE_IPV4 ?? i.attributes.AWS_INSTANCE_IPV6 ?? "";
  return `${instanceKey(i)} ${addr}${i.attributes.AWS_INSTANCE_PORT ? `:${i.attributes.AWS_INSTANCE_PORT}` : ""} ${i.healthy ? "healthy" : "unhealthy"}`;
}
function formatInboundResult(r) {
  const lines = formatChanges("kubernetes-source (instances from EndpointSlices)", r.changes, describeInstance);
  for (const f of r.failed) lines.push(`  x ${f.key}: ${f.error.message}`);
  return lines;
}

// src/reconcile/kubernetes/desired.ts
var MAX_ENDPOINTS_PER_SLICE = 100;
var DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
var DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function hash8(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, "0");
}
function kubeName(prefix, text, key) {
  let base = text.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "") || "svc";
  let name = `${prefix}${base}`;
  if (!/^[a-z]/.test(name)) name = `svc-${name}`;
  if (name.length > 63) {
    base = name.slice(0, 63 - 9).replace(/-+$/, "");
    name = `${base}-${hash8(key)}`;
  }
  return name;
}
var validPort = (value) => {
  if (value === void 0 || !/^\d{1,5}$/.test(value)) return void 0;
  const n = Number(value);
  return n >= 1 && n <= 65535 ? n : void 0;
};
function endpointsOf(namespace, service, instances) {
  const groups = /* @__PURE__ */ new Map();
  const byInstance = /* @__PURE__ */ new Map();
  const attrs = new Map(instances.map((i) => [i.id, i.attributes]));
  for (const r of serviceRRsets(namespace, service, instances)) {
    if (r.instanceId === void 0) continue;
    let e = byInstance.get(r.instanceId);
    if (!e) byInstance.set(r.instanceId, e = { v4: /* @__PURE__ */ new Set(), v6: /* @__PURE__ */ new Set(), fqdn: /* @__PURE__ */ new Set(), ready: r.healthy ?? true });
    const value = r.values[0];
    if (r.type === "A") e.v4.add(value);
    else if (r.type === "AAAA") e.v6.add(value);
    else if (r.type === "CNAME") e.fqdn.add(value);
    else if (r.type === "SRV") e.port = Number(value.split(" ")[2]);
  }
  for (const [id, e] of byInstance) {
    const port = e.port ?? validPort(attrs.get(id)?.[ReservedAttributes.PORT]);
    const hostname = DNS1123_LABEL.test(id) ? id : void 0;
    const add = (family, address) => {
      const key = `${family}	${port ?? ""}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push({ address, ready: e.ready, ...hostname ? { hostname } : {} });
    };
    for (const a of e.v4) add("IPv4", a);
    for (const a of e.v6) add("IPv6", a);
    for (const a of e.fqdn) if (DNS1123_SUBDOMAIN.test(a)) add("FQDN", a);
  }
  return groups;
}
function desiredObjects(state, options = {}) {
  const k8sNamespace = options.namespace ?? "default";
  const all = dnsNamespaces(state).flatMap((ns) => state.services.get(ns.id) ?? []);
  all.sort((a, b) => a.service.createDate - b.service.createDate || (a.service.id < b.service.id ? -1 : 1));
  const taken = /* @__PURE__ */ new Set();
  const claim = (prefix, entry) => {
    const { service, namespace } = entry;
    for (const suffix of ["", `-${namespace.id.slice(-6)}`, `-${service.id.slice(-6)}`]) {
      const name = kubeName(prefix, `${service.name}${suffix}`, service.id);
      if (!taken.has(name)) {
        taken.add(name);
        return name;
      }
    }
    return kubeName(prefix, `${service.name}-${hash8(service.id)}`, service.id);
  };
  const out = [];
  for (const entry of all) {
    const { namespace, service, instances } = entry;
    const name = claim("sd-", entry);
    const labels = { [MANAGED_BY]: MANAGER, [NAMESPACE_ID_LABEL]: namespace.id, [SERVICE_ID_LABEL]: service.id };
    const dnsName = serviceRecordName(namespace, service);
    const annotations = { [NAMESPACE_NAME_ANNOTATION]: namespace.name, [SERVICE_NAME_ANNOTATION]: service.name, [DNS_NAME_ANNOTATION]: dnsName };
    const groups = endpointsOf(namespace, service, instances);
    const ports = [...new Set([...groups.keys()].map((k) => k.split("	")[1]).filter((p) => p !== ""))].map(Number).sort((a, b) => a - b);
    out.push({
      kind: "Service",
      namespace: k8sNamespace,
      name,
      labels,
      annotations,
      fields: { spec: normalServiceSpec({ type: "ClusterIP", clusterIP: "None", ports: ports.map((p) => ({ name: `port-${p}`, port: p, protocol: "TCP", targetPort: p })) }) }
    });
    for (const [key, endpoints] of [...groups.entries()].sort(([a], [b]) => a < b ? -1 : 1)) {
      const [family, port] = key.split("	");
      endpoints.sort((a, b) => a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
      for (let chunk = 0; chunk * MAX_ENDPOINTS_PER_SLICE < endpoints.length; chunk++) {
        const part = endpoints.slice(chunk * MAX_ENDPOINTS_PER_SLICE, (chunk + 1) * MAX_ENDPOINTS_PER_SLICE);
        out.push({
          kind: "EndpointSlice",
          namespace: k8sNamespace,
          name: `${name}-${family.toLowerCase()}${port ? `-${port}` : ""}${chunk ? `-${chunk + 1}` : ""}`,
          labels: { ...labels, [SERVICE_NAME_LABEL]: name, [SLICE_MANAGED_BY]: MANAGER },
          annotations,
          fields: {
            addressType: family,
            endpoints: normalEndpoints(part.map((e) => ({ addresses: [e.address], conditions: { ready: e.ready, serving: e.ready, terminating: false }, ...e.hostname ? { hostname: e.hostname } : {} }))),
            ports: normalPorts(port ? [{ name: `port-${port}`, port: Number(port), protocol: "TCP" }] : [], false)
          }
        });
      }
    }
    if (options.alias && DNS1123_SUBDOMAIN.test(dnsName)) {
      const alias = claim("", entry);
      if (DNS1035.test(alias)) {
        out.push({ kind: "Service", namespace: k8sNamespace, name: alias, labels, annotations, fields: { spec: normalServiceSpec({ type: "ExternalName", externalName: dnsName }) } });
      }
    }
  }
  return out;
}

// src/reconcile/kubernetes/provider.ts
var OWNED_SELECTOR = `${MANAGED_BY}=${MANAGER}`;
var KINDS = ["Service", "EndpointSlice"];
var describeObject = (o) => `${o.kind} ${o.namespace}/${o.name}`;
var KubernetesProvider = class {
  name = "kubernetes";
  #o;
  #clients;
  #informers = [];
  #stopped = false;
  constructor(options) {
    this.#o = options;
    this.#clients = kindClients(options.kubeConfig, options.namespace ?? "default");
  }
  /** Starts the informers; resolves once each has listed. */
  async start() {
    this.#stopped = false;
    this.#informers = KINDS.map((kind) => {
      const informer = this.#clients[kind].informer(OWNED_SELECTOR);
      for (const event of ["add", "update", "delete"]) {
        informer.on(event, (o) => this.#o.onDrift?.(kind, o.metadata?.name ?? "", event));
      }
      informer.on("error", (error) => {
        this.#o.onWatchError?.(kind, error);
        if (!this.#stopped) setTimeout(() => void (this.#stopped || informer.start().catch(() => {
        })), this.#o.restartMs ?? 2e3).unref();
      });
      return informer;
    });
    await Promise.all(this.#informers.map((i) => i.start()));
  }
  async stop() {
    this.#stopped = true;
    await Promise.all(this.#informers.map((i) => i.stop()));
    this.#informers = [];
  }
  /** Plans the mirror of `state` and, unless `dryRun`, applies it. */
  async reconcile(state, dryRun) {
    const desired = desiredObjects(state, this.#o);
    const owned = this.#informers.length ? this.#informers.map((i) => i.list()) : await Promise.all(KINDS.map((k) => this.#clients[k].list(OWNED_SELECTOR)));
    const current = await readCurrent(this.#clients, owned, KINDS, desired);
    return planAndApply(this.#clients, desired, current, dryRun);
  }
};
function formatKubeResult(provider, r) {
  const lines = formatChanges(provider, r.changes, describeObject);
  for (const f of r.failed) lines.push(`  x ${f.key}: ${f.error.message}`);
  return lines;
}

// src/reconcile/route53/api.ts
import { ChangeResourceRecordSetsCommand, ListResourceRecordSetsCommand } from "@aws-sdk/client-route-53";

// src/reconcile/route53/batches.ts
var ROUTE53_LIMITS = { changes: 1e3, records: 1e3, valueChars: 32e3 };
var ChangeUnitTooLarge = class extends Error {
};
function changeSize(change) {
  const factor = change.Action === "UPSERT" ? 2 : 1;
  const records = change.ResourceRecordSet?.ResourceRecords ?? [];
  const chars = records.reduce((sum, r) => sum + (r.Value?.length ?? 0), 0);
  return [1, records.length * factor, chars * factor];
}
function packBatches(units, limits = ROUTE53_LIMITS) {
  const batches = [];
  let batch = [];
  let used = [0, 0, 0];
  const max = [limits.changes, limits.records, limits.valueChars];
  for (const unit of units) {
    const size = [0, 0, 0];
    for (const change of unit) changeSize(change).forEach((n, i) => size[i] += n);
    if (size.some((n, i) => n > max[i])) {
      throw new ChangeUnitTooLarge(`a change unit (${size[0]} changes, ${size[1]} records, ${size[2]} value characters) exceeds Route 53's limits on its own`);
    }
    if (used.some((n, i) => n + size[i] > max[i])) {
      batches.push(batch);
      batch = [];
      used = [0, 0, 0];
    }
    batch.push(unit);
    used = used.map((n, i) => n + size[i]);
  }
  if (batch.length) batches.push(batch);
  return batches;
}

// src/reconcile/route53/api.ts
var soft = (options) => ({
  ...options.backoff,
  isSoft: isRoute53Throttle,
  onRetry: (error, attempt, delay) => options.onThrottle?.(error, attempt, delay)
});
var bareZoneId = (id) => id.replace(/^\/hostedzone\//, "");
async function listRecordSets(client, zoneId, options = {}) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  let start = {};
  for (; ; ) {
    const page = await retrySoft(() => client.send(new ListResourceRecordSetsCommand({ HostedZoneId: bareZoneId(zoneId), ...start })), soft(options));
    let fresh = 0;
    for (const r of page.ResourceRecordSets ?? []) {
      const key = `${r.Name}	${r.Type}	${r.SetIdentifier ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
      fresh++;
    }
    if (!page.IsTruncated) return out;
    if (fresh === 0) throw new Error(`ListResourceRecordSets of ${zoneId} made no progress at ${page.NextRecordName} ${page.NextRecordType} (StartRecordIdentifier ignored?)`);
    start = {
      StartRecordName: page.NextRecordName,
      StartRecordType: page.NextRecordType,
      ...page.NextRecordIdentifier !== void 0 ? { StartRecordIdentifier: page.NextRecordIdentifier } : {}
    };
  }
}
var rejected = (error) => error instanceof Error && (error.name === "InvalidChangeBatch" || error.name === "InvalidInput");
async function send(client, zoneId, changes, options) {
  await retrySoft(
    () => client.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: bareZoneId(zoneId), ChangeBatch: { Changes: changes, Comment: "cloudmap-dns reconcile" } })),
    soft(options)
  );
}
async function applyUnits(client, zoneId, units, options = {}) {
  const result = { batches: 0, applied: 0, failed: [] };
  for (const batch of packBatches(units, options.limits ?? ROUTE53_LIMITS)) {
    try {
      await send(client, zoneId, batch.flat(), options);
      result.batches++;
      result.applied += batch.length;
      continue;
    } catch (error) {
      if (!rejected(error)) throw error;
      if (batch.length === 1) {
        result.failed.push({ unit: batch[0], error });
        continue;
      }
    }
    for (const unit of batch) {
      try {
        await send(client, zoneId, unit, options);
        result.batches++;
        result.applied++;
      } catch (error) {
        if (!rejected(error)) throw error;
        result.failed.push({ unit, error });
      }
    }
  }
  return result;
}

// src/reconcile/route53/records.ts
var WRITABLE = /* @__PURE__ */ new Set(["A", "AAAA", "CNAME", "SRV", "TXT"]);
function recordKey(r) {
  return `${r.name}	${r.type}	${r.setIdentifier ?? ""}`;
}
function describeRecord(r) {
  return `${r.name} ${r.type}${r.setIdentifier !== void 0 ? ` [${r.setIdentifier}]` : ""} ${r.ttl} ${r.values.join(" ")}`;
}
var ttlCheck = { name: "ttl", changed: (c, d) => c.ttl !== d.ttl };
var valuesCheck = {
  name: "values",
  changed: (c, d) => c.values.length !== d.values.length || d.values.some((v) => !c.values.includes(v))
};
var routingCheck = { name: "routing", changed: (c, d) => c.routing !== d.routing };
var RECORD_CHECKS = [ttlCheck, valuesCheck, routingCheck];
function fromRRset(r) {
  if (r.role === "apex" || !WRITABLE.has(r.type)) return void 0;
  const base = { name: r.name, type: r.type, ttl: r.ttl, values: [...r.values].sort() };
  if (r.role === "service") return { ...base, setIdentifier: r.instanceId, routing: r.routing ?? "MULTIVALUE" };
  return base;
}
function desiredRecordSets(namespace, service, instances) {
  const rrsets = serviceRRsets(namespace, service, instances);
  const anyHealthy = /* @__PURE__ */ new Set();
  for (const r of rrsets) if (r.role === "service" && r.healthy) anyHealthy.add(`${r.name}	${r.type}`);
  const out = [];
  for (const r of rrsets) {
    if (r.role === "service" && !r.healthy && anyHealthy.has(`${r.name}	${r.type}`)) continue;
    const set = fromRRset(r);
    if (set) out.push(set);
  }
  return out;
}
function normalName(name) {
  const decoded = name.replace(/\\(\d{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)));
  const lower = decoded.toLowerCase();
  return lower.endsWith(".") ? lower.slice(0, -1) : lower;
}
function normalValue(type, value) {
  switch (type) {
    case "AAAA":
      return canonicalIPv6(value) ?? value;
    case "CNAME":
      return normalName(value);
    case "SRV": {
      const parts = value.trim().split(/\s+/);
      if (parts.length !== 4) return value;
      return `${Number(parts[0])} ${Number(parts[1])} ${Number(parts[2])} ${normalName(parts[3])}`;
    }
    default:
      return value;
  }
}
function fromRoute53(raw) {
  if (!raw.Name || !raw.Type || !WRITABLE.has(raw.Type) || raw.AliasTarget) return void 0;
  const routing = raw.MultiValueAnswer ? "MULTIVALUE" : raw.Weight !== void 0 ? "WEIGHTED" : void 0;
  return {
    name: normalName(raw.Name),
    type: raw.Type,
    ttl: raw.TTL ?? 0,
    values: (raw.ResourceRecords ?? []).map((r) => normalValue(raw.Type, r.Value ?? "")).sort(),
    ...raw.SetIdentifier !== void 0 ? { setIdentifier: raw.SetIdentifier } : {},
    ...routing ? { routing } : {},
    raw
  };
}
var fqdn = (name) => `${name}.`;
function toRoute53(r) {
  if (r.raw) return r.raw;
  const value = (v) => {
    if (r.type === "CNAME") return fqdn(v);
    if (r.type === "SRV") {
      const parts = v.split(" ");
      return `${parts.slice(0, 3).join(" ")} ${fqdn(parts[3])}`;
    }
    return v;
  };
  return {
    Name: fqdn(r.name),
    Type: r.type,
    TTL: r.ttl,
    ResourceRecords: r.values.map((v) => ({ Value: value(v) })),
    ...r.setIdentifier !== void 0 ? { SetIdentifier: r.setIdentifier } : {},
    ...r.routing === "MULTIVALUE" ? { MultiValueAnswer: true } : r.routing === "WEIGHTED" ? { Weight: 1 } : {}
  };
}

// src/reconcile/route53/registry.ts
var REGISTRY_TTL = 300;
var PREFIX = "_cloudmap-dns-";
function registryName(name, type) {
  return `${PREFIX}${type.toLowerCase()}.${name}`;
}
function ownerValue(ownerId, resource) {
  return `"heritage=cloudmap-dns,cloudmap-dns/owner=${ownerId}${resource ? `,cloudmap-dns/resource=${resource}` : ""}"`;
}
function parseOwner(value) {
  const text = value.replace(/^"|"$/g, "");
  const fields = new Map(text.split(",").map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
  return fields.get("heritage") === "cloudmap-dns" ? fields.get("cloudmap-dns/owner") : void 0;
}
function registryRecord(r, ownerId, resource) {
  return {
    name: registryName(r.name, r.type),
    type: "TXT",
    ttl: REGISTRY_TTL,
    values: [ownerValue(ownerId, resource)],
    ...r.setIdentifier !== void 0 ? { setIdentifier: r.setIdentifier, routing: "MULTIVALUE" } : {}
  };
}
function ownedKey(txt) {
  if (txt.type !== "TXT" || !txt.name.startsWith(PREFIX)) return void 0;
  const dot = txt.name.indexOf(".");
  if (dot < 0) return void 0;
  const type = txt.name.slice(PREFIX.length, dot).toUpperCase();
  return recordKey({ name: txt.name.slice(dot + 1), type, setIdentifier: txt.setIdentifier });
}
function readOwnership(sets, ownerId) {
  const registry = /* @__PURE__ */ new Map();
  const foreign = /* @__PURE__ */ new Map();
  const data = [];
  for (const s of sets) {
    const key = ownedKey(s);
    const owner = key === void 0 ? void 0 : s.values.map(parseOwner).find((o) => o !== void 0);
    if (key !== void 0 && owner !== void 0) (owner === ownerId ? registry : foreign).set(key, s);
    else data.push(s);
  }
  const current = data.map((s) => ({ value: s, owned: registry.has(recordKey(s)) }));
  const present = new Set(data.map(recordKey));
  for (const [key, txt] of foreign) {
    if (present.has(key)) continue;
    const [name, type, setIdentifier] = key.split("	");
    current.push({ value: { name, type, ttl: txt.ttl, values: [], ...setIdentifier ? { setIdentifier } : {} }, owned: false });
  }
  return { current, registry };
}
function changeUnits(changes, ownership, ownerId, resourceOf = () => void 0) {
  const del = (r) => ({ Action: "DELETE", ResourceRecordSet: toRoute53(r) });
  const add = (r) => ({ Action: "CREATE", ResourceRecordSet: toRoute53(r) });
  const units = [];
  const covered = /* @__PURE__ */ new Set();
  for (const c of ownership.current) covered.add(recordKey(c.value));
  for (const r of changes.create) covered.add(recordKey(r));
  for (const [key, txt] of ownership.registry) if (!covered.has(key)) units.push([del(txt)]);
  for (const r of changes.delete) {
    const txt = ownership.registry.get(recordKey(r));
    units.push(txt ? [del(r), del(txt)] : [del(r)]);
  }
  for (const u of changes.update) units.push([del(u.current), add(u.desired)]);
  for (const r of changes.create) {
    const ours = ownership.registry.has(recordKey(r));
    units.push(ours ? [add(r)] : [add(r), add(registryRecord(r, ownerId, resourceOf(r)))]);
  }
  return units;
}

// src/reconcile/route53/zones.ts
import {
  ChangeTagsForResourceCommand,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListHostedZonesCommand,
  ListTagsForResourceCommand
} from "@aws-sdk/client-route-53";
var NAMESPACE_TAG = "cloudmap-dns/namespace-id";
var callerReferencePrefix = (namespaceId) => `cloudmap-dns:${namespaceId}:`;
var isPrivate = (ns) => ns.type === "DNS_PRIVATE";
async function byId(client, ns) {
  if (!ns.hostedZoneId) return void 0;
  try {
    const out = await client.send(new GetHostedZoneCommand({ Id: ns.hostedZoneId }));
    return out.HostedZone;
  } catch (error) {
    if (error.name === "NoSuchHostedZone" || error.name === "InvalidInput") return void 0;
    throw error;
  }
}
async function tagged(client, zone, namespaceId) {
  const out = await client.send(new ListTagsForResourceCommand({ ResourceType: "hostedzone", ResourceId: bareZoneId(zone.Id) }));
  return (out.ResourceTagSet?.Tags ?? []).some((t) => t.Key === NAMESPACE_TAG && t.Value === namespaceId);
}
async function sameName(client, ns) {
  const want = normalName(ns.name);
  const out = [];
  let next = { DNSName: `${want}.` };
  for (; ; ) {
    const page = await client.send(new ListHostedZonesByNameCommand(next));
    for (const z of page.HostedZones ?? []) {
      if (normalName(z.Name ?? "") !== want) return out;
      if ((z.Config?.PrivateZone ?? false) === isPrivate(ns)) out.push(z);
    }
    if (!page.IsTruncated) return out;
    next = { DNSName: page.NextDNSName, HostedZoneId: page.NextHostedZoneId };
  }
}
async function ensureZone(client, ns, options = {}) {
  const known = await byId(client, ns);
  if (known && normalName(known.Name ?? "") === normalName(ns.name)) return { id: bareZoneId(known.Id), how: "hostedZoneId" };
  const candidates = await sameName(client, ns);
  const byRef = candidates.find((z) => z.CallerReference?.startsWith(callerReferencePrefix(ns.id)));
  if (byRef) return { id: bareZoneId(byRef.Id), how: "callerReference" };
  for (const z of candidates) if (await tagged(client, z, ns.id)) return { id: bareZoneId(z.Id), how: "tag" };
  if (options.dryRun) return void 0;
  const created = await client.send(new CreateHostedZoneCommand({
    Name: `${normalName(ns.name)}.`,
    CallerReference: `${callerReferencePrefix(ns.id)}${(options.now ?? Date.now)()}:${options.ownerId ?? "cloudmap-dns"}`.slice(0, 128),
    HostedZoneConfig: { PrivateZone: isPrivate(ns), Comment: `cloudmap-dns namespace ${ns.id}` },
    ...isPrivate(ns) ? { VPC: { VPCId: ns.vpc ?? "vpc-unknown", VPCRegion: options.vpcRegion ?? "us-east-1" } } : {}
  }));
  const id = bareZoneId(created.HostedZone.Id);
  await client.send(new ChangeTagsForResourceCommand({ ResourceType: "hostedzone", ResourceId: id, AddTags: [{ Key: NAMESPACE_TAG, Value: ns.id }] }));
  return { id, how: "created" };
}
async function ownZones(client) {
  const out = [];
  let marker;
  do {
    const page = await client.send(new ListHostedZonesCommand(marker ? { Marker: marker } : {}));
    for (const z of page.HostedZones ?? []) {
      const m = /^cloudmap-dns:([^:]+):\d+:(.*)$/.exec(z.CallerReference ?? "");
      if (m) out.push({ id: bareZoneId(z.Id), ownerId: m[2], name: normalName(z.Name ?? ""), namespaceId: m[1], private: z.Config?.PrivateZone ?? false });
    }
    marker = page.IsTruncated ? page.NextMarker : void 0;
  } while (marker);
  return out;
}
async function deleteZone(client, zoneId) {
  await client.send(new DeleteHostedZoneCommand({ Id: zoneId }));
}

// src/reconcile/route53/provider.ts
var Route53Provider = class {
  name = "route53";
  #o;
  constructor(options) {
    this.#o = { ownerId: "cloudmap-dns", ...options };
  }
  /**
   * Plans every DNS namespace and, unless `dryRun`, applies the plans. Then
   * the zones we created for namespaces that no longer exist (Cloud Map
   * deletes a namespace's zone with it): our record sets there are deleted,
   * and the zone too once only Route 53's SOA and NS remain.
   */
  async reconcile(state, dryRun) {
    const out = [];
    for (const namespace of dnsNamespaces(state)) out.push(await this.#zone(state, namespace, dryRun));
    const live = new Set(state.namespaces.map((n) => n.id));
    for (const z of await ownZones(this.#o.client)) {
      if (live.has(z.namespaceId) || z.ownerId !== this.#o.ownerId) continue;
      const gone = { id: z.namespaceId, arn: "", name: z.name, type: z.private ? "DNS_PRIVATE" : "DNS_PUBLIC", createDate: 0, httpName: z.name, resourceOwner: "" };
      const outcome = await this.#sync({ id: z.id, how: "orphan" }, gone, [], /* @__PURE__ */ new Map(), dryRun);
      if (!dryRun && outcome.failed.length === 0 && !outcome.others) {
        await deleteZone(this.#o.client, z.id);
        outcome.zoneDeleted = true;
      }
      out.push(outcome);
    }
    return out;
  }
  async #zone(state, namespace, dryRun) {
    const zone = await ensureZone(this.#o.client, namespace, { dryRun, vpcRegion: this.#o.vpcRegion ?? "us-east-1", ownerId: this.#o.ownerId });
    if (zone && !dryRun && zone.id !== namespace.hostedZoneId) await this.#o.onZone?.(namespace, zone.id);
    const resource = /* @__PURE__ */ new Map();
    const desired = [];
    for (const { service, instances } of state.services.get(namespace.id) ?? []) {
      for (const r of desiredRecordSets(namespace, service, instances)) {
        desired.push(r);
        resource.set(recordKey(r), `service/${service.id}`);
      }
    }
    return this.#sync(zone, namespace, desired, resource, dryRun);
  }
  /** Reads a zone, plans `desired` against it and applies the plan unless `dryRun`. */
  async #sync(zone, namespace, desired, resource, dryRun) {
    const { client, ownerId } = this.#o;
    const read = zone ? await listRecordSets(client, zone.id, this.#o) : [];
    const current = read.map(fromRoute53).filter((r) => r !== void 0);
    const ownership = readOwnership(current, ownerId);
    const changes = plan(desired, ownership.current, { key: recordKey, checks: RECORD_CHECKS });
    const units = changeUnits(changes, ownership, ownerId, (r) => resource.get(recordKey(r)));
    const others = ownership.current.some((c) => !c.owned);
    if (dryRun || !zone || units.length === 0) return { namespace, zone, changes, batches: 0, failed: [], others };
    const result = await applyUnits(client, zone.id, units, this.#o);
    return { namespace, zone, changes, batches: result.batches, failed: result.failed, others };
  }
};
function formatZoneOutcome(o) {
  const note = o.zone?.how === "created" ? " (created)" : o.zone?.how === "orphan" ? `, namespace ${o.namespace.id} is gone${o.zoneDeleted ? ": zone deleted" : ""}` : "";
  const where = o.zone ? `hosted zone ${o.zone.id}${note}` : "no hosted zone yet (would be created)";
  const lines = formatChanges(`route53 ${o.namespace.name} (${where})`, o.changes, describeRecord);
  for (const f of o.failed) lines.push(`  x rejected by Route 53: ${f.unit.map((c) => `${c.Action} ${c.ResourceRecordSet?.Name} ${c.ResourceRecordSet?.Type}`).join(", ")}: ${f.error.message}`);
  return lines;
}

// src/reconcile/targets.ts
var count = (c) => c.create.length + c.update.length + c.delete.length;
function route53Target(options) {
  const provider = new Route53Provider(options);
  return {
    name: "route53",
    run: async (state, dryRun) => {
      const outcomes = await provider.reconcile(state, dryRun);
      const lines = outcomes.flatMap(formatZoneOutcome);
      const summary = `route53: ${outcomes.length} hosted zone(s), ${outcomes.reduce((n, o) => n + count(o.changes), 0)} change(s)`;
      return {
        lines: [summary, ...lines.map((l) => l.startsWith("  ") ? l : `  ${l}`)],
        changes: outcomes.reduce((n, o) => n + count(o.changes), 0),
        conflicts: outcomes.reduce((n, o) => n + o.changes.conflicts.length, 0),
        failures: outcomes.reduce((n, o) => n + o.failed.length, 0)
      };
    }
  };
}
var kubeReport = (name, r) => ({
  lines: formatKubeResult(name, r),
  changes: count(r.changes),
  conflicts: r.changes.conflicts.length,
  failures: r.failed.length
});
function kubernetesTarget(options) {
  let trigger = () => {
  };
  const provider = new KubernetesProvider({ ...options, onDrift: (kind, name, event) => trigger(`kubernetes ${event} ${kind} ${name}`) });
  return {
    name: "kubernetes",
    run: async (state, dryRun) => kubeReport("kubernetes", await provider.reconcile(state, dryRun)),
    start: async (t) => {
      trigger = t;
      await provider.start();
    },
    stop: () => provider.stop()
  };
}
function corefileTarget(options) {
  const provider = new CorefileProvider(options);
  return { name: "corefile", run: async (state, dryRun) => kubeReport("corefile", await provider.reconcile(state, dryRun)) };
}
function inboundTarget(options) {
  let trigger = () => {
  };
  const source = new InboundSource({ ...options, onChange: () => trigger("kubernetes-source change") });
  return {
    name: "kubernetes-source",
    run: async (state, dryRun) => {
      const r = await source.reconcile(state, dryRun);
      return { lines: formatInboundResult(r), changes: count(r.changes), conflicts: r.changes.conflicts.length, failures: r.failed.length };
    },
    start: async (t) => {
      trigger = t;
      await source.start();
    },
    stop: () => source.stop()
  };
}

// src/reconcile/wiring.ts
function kubeConfig(config) {
  const kc = new KubeConfig();
  if (config.kubernetes.kubeconfig) kc.loadFromFile(config.kubernetes.kubeconfig);
  else kc.loadFromDefault();
  return kc;
}
function buildTargets(config, ops, logger) {
  let kc;
  const kube = () => kc ??= kubeConfig(config);
  return config.providers.map((name) => {
    switch (name) {
      case "route53": {
        const client = new Route53Client({ region: "us-east-1", maxAttempts: 1, ...config.route53.endpoint ? { endpoint: config.route53.endpoint } : {} });
        return route53Target({
          client,
          ownerId: config.route53.ownerId,
          vpcRegion: config.route53.vpcRegion,
          onThrottle: (error, attempt, delayMs) => logger.warn({ target: "route53", err: error.name, attempt, delayMs }, "Route 53 throttled; backing off"),
          ...ops ? { onZone: async (ns, zoneId) => void await setNamespaceHostedZone(ops, { namespaceId: ns.id, hostedZoneId: zoneId }) } : {}
        });
      }
      case "kubernetes":
        return kubernetesTarget({ kubeConfig: kube(), namespace: config.kubernetes.namespace, alias: config.kubernetes.alias });
      case "corefile":
        return corefileTarget({ kubeConfig: kube(), name: config.corefile.name, namespace: config.corefile.namespace, key: config.corefile.key, render: { upstream: config.corefile.upstream } });
      case "kubernetes-source":
        if (!ops) throw new Error("--providers kubernetes-source writes Cloud Map state: give --redis-url (or REDIS_URL), or run it inside serve with --reconcile");
        return inboundTarget({
          kubeConfig: kube(),
          ops,
          clusterName: config.kubernetes.clusterName,
          region: ops.region,
          ...config.kubernetes.sourceNamespace ? { namespace: config.kubernetes.sourceNamespace } : {}
        });
    }
  });
}
var holderId = () => `${globalThis.process?.env?.HOSTNAME ?? "cloudmap-dns"}-${crypto.randomUUID().slice(0, 8)}`;
function leadership(store, target, prefix, ttlMs) {
  if (store?.kind !== "redis" || !target) return { leadership: new AlwaysLeader(), close: async () => {
  } };
  const redis = createRedisClient(target, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false, reconnectOnError: reconnectWhenReadOnly });
  redis.on("error", () => {
  });
  return {
    leadership: new RedisLease(redis, { key: new RedisKeys(prefix).lease("reconcile"), holder: holderId(), ttlMs }),
    close: async () => void redis.disconnect()
  };
}
function formatResults(results) {
  return results.flatMap((r) => r.error ? [`${r.target}: FAILED: ${r.error.message}`] : r.report.lines);
}
async function runReconcile(flags, deps) {
  const serveConfig = resolveServeConfig({ ...flags, httpPort: "0", dnsPort: "0" }, deps.env);
  const config = resolveReconcileConfig(flags, deps.env, serveConfig.region);
  const logger = createLogger(config.once ? flags.logLevel ?? deps.env.LOG_LEVEL ?? "warn" : serveConfig.logLevel);
  const store = serveConfig.redis ? new RedisStore({ target: serveConfig.redis, prefix: serveConfig.redisPrefix }) : void 0;
  const ops = store && { store, region: serveConfig.region, accountId: serveConfig.accountId };
  const source = store ? storeSource(store) : apiSource(config.endpoint, { accountId: serveConfig.accountId, ...config.route53.vpc ? { vpc: config.route53.vpc } : {} });
  const lead = leadership(store, serveConfig.redis, serveConfig.redisPrefix, config.leaseTtlMs);
  const cleanup = async () => {
    await lead.close();
    await store?.close();
  };
  let controller;
  try {
    controller = new Controller({ source, targets: buildTargets(config, ops, logger), leadership: lead.leadership, logger, dryRun: config.dryRun, intervalMs: config.intervalMs, minIntervalMs: config.minIntervalMs });
  } catch (error) {
    await cleanup();
    throw error;
  }
  if (config.once) {
    try {
      const results = await controller.runOnce();
      (deps.writeOut ?? ((t) => console.log(t)))(formatResults(results).join("\n"));
      deps.setExitCode?.(exitCode(results));
    } finally {
      await cleanup();
    }
    return;
  }
  logger.info({ providers: config.providers, state: source.kind, dryRun: config.dryRun, intervalMs: config.intervalMs }, "reconcile: starting");
  await controller.start();
  deps.onRunning?.({ controller, stop: async () => (await controller.stop(), await cleanup()) }, logger);
}
async function createEmbeddedReconciler(flags, env, store, serve, logger, observer) {
  const config = resolveReconcileConfig({ ...flags, providers: void 0, dryRun: void 0 }, env, serve.region);
  const ops = { store, region: serve.region, accountId: serve.accountId };
  const lead = leadership(store, redisTargetOf(serve), serve.redisPrefix, config.leaseTtlMs);
  const controller = new Controller({
    source: storeSource(store),
    targets: buildTargets(config, ops, logger),
    leadership: lead.leadership,
    logger,
    dryRun: config.dryRun,
    intervalMs: config.intervalMs,
    minIntervalMs: config.minIntervalMs,
    ...observer && { observer }
  });
  logger.info({ providers: config.providers, state: store.kind, dryRun: config.dryRun }, "reconcile: starting inside serve");
  await controller.start();
  return { controller, stop: async () => (await controller.stop(), await lead.close()) };
}
export {
  buildTargets,
  createEmbeddedReconciler,
  formatResults,
  runReconcile
};
