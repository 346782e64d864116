#!/usr/bin/env node
import {
  CloudMapError,
  DEFAULT_UDP_PAYLOAD,
  DEFAULT_ZONE_NAMING,
  EDNS_DO,
  Flag,
  GAP_REASONS,
  HEADER_BYTES,
  OPERATIONS,
  Opcode,
  REDIS_OPTIONS,
  RRClass,
  RRL_OPTIONS,
  RRType,
  Rcode,
  RedisKeys,
  RedisStore,
  ReservedAttributes,
  SHAPES,
  STREAM_MAX_MESSAGE,
  UDP_MIN_PAYLOAD,
  View,
  addReconcileOptions,
  allocateBytes,
  allocateRecordSpan,
  apexRRsets,
  callCloudMap,
  canonicalName,
  commandConnectionOptions,
  corefileZones,
  createLogger,
  createNamespace,
  createRedisClient,
  createService,
  createStore,
  deleteNamespace,
  deleteService,
  deregisterInstance,
  describeRedisTarget,
  encodeRdata,
  errors,
  formatIPv6,
  hasHealthCheck,
  idFromIdOrArn,
  isDnsNamespace,
  isEncodableName,
  listAllPages,
  loadLua,
  namespaceOrThrow,
  negativeTtl,
  numberOfKeys,
  openStore,
  recordSpanArray,
  redisTargetOf,
  registerInstance,
  renderCorefile,
  resolveRedisTarget,
  resolveServeConfig,
  resourceOf,
  serviceOrThrow,
  serviceRRsets,
  serviceRecordName,
  setInstanceHealth,
  tagResource,
  targetFromUrl,
  untagResource,
  updateInstanceCustomHealthStatus,
  updateNamespace,
  updateService,
  waitForRedis,
  whenReady
} from "./chunk-T25TSU7F.js";

// src/runtime/node/main.ts
import { readFileSync as readFileSync2 } from "node:fs";
import process2 from "node:process";

// src/cli.ts
import { Command, CommanderError } from "commander";

// src/api/sigv4.ts
import { SignatureV4 } from "@smithy/signature-v4";
var SIGNING_SERVICE = "servicediscovery";
var MAX_CLOCK_SKEW_MS = 5 * 60 * 1e3;
var AUTH = /^AWS4-HMAC-SHA256 (.+)$/;
var CREDENTIAL = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;
var authError = (type, message) => new CloudMapError(type, message);
function authParts(text2) {
  const parts = {};
  for (const part of text2.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) parts[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return parts;
}
function parseAmzDate(value) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : Number.NaN;
}
async function sha256Hex(text2) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text2)));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}
function constantTimeEqual(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
var WebCryptoSha256 = class {
  #secret;
  #chunks = [];
  constructor(secret) {
    this.#secret = secret === void 0 ? void 0 : toBytes(secret);
  }
  update(data) {
    this.#chunks.push(toBytes(data));
  }
  async digest() {
    const data = concat(this.#chunks);
    if (!this.#secret) return new Uint8Array(await crypto.subtle.digest("SHA-256", data));
    const key = await crypto.subtle.importKey("raw", this.#secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return new Uint8Array(await crypto.subtle.sign("HMAC", key, data));
  }
  reset() {
    this.#chunks = [];
  }
};
function toBytes(data) {
  if (typeof data === "string") return new TextEncoder().encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}
function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
function createSigV4Verifier(options) {
  const now = options.now ?? Date.now;
  const signers = /* @__PURE__ */ new Map();
  return async (request, body) => {
    const header = request.headers.get("authorization");
    if (!header) throw authError("MissingAuthenticationTokenException", "Missing Authentication Token");
    const auth = AUTH.exec(header.trim());
    const parts = auth ? authParts(auth[1]) : {};
    const credential = CREDENTIAL.exec(parts.Credential ?? "");
    const amzDate = request.headers.get("x-amz-date") ?? "";
    const missing = ["Credential", "SignedHeaders", "Signature"].filter((p) => !parts[p]);
    if (!auth || missing.length > 0 || !credential || !amzDate) {
      const needs = missing.map((p) => `Authorization header requires '${p}' parameter.`);
      if (!amzDate) needs.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
      if (parts.Credential && !credential) needs.push(`Credential should be of the form <key>/<yyyymmdd>/<region>/${SIGNING_SERVICE}/aws4_request.`);
      throw authError("IncompleteSignatureException", `${needs.join(" ") || "The Authorization header is not an AWS4-HMAC-SHA256 signature."} Authorization=${header.slice(0, 200)}`);
    }
    const [, accessKeyId, scopeDate, region, service] = credential;
    const secret = options.credentials.get(accessKeyId);
    if (secret === void 0) throw authError("UnrecognizedClientException", "The security token included in the request is invalid.");
    if (service !== SIGNING_SERVICE) throw authError("InvalidSignatureException", `Credential should be scoped to correct service: '${SIGNING_SERVICE}'.`);
    const signedAt = parseAmzDate(amzDate);
    if (Number.isNaN(signedAt) || amzDate.slice(0, 8) !== scopeDate) {
      throw authError("InvalidSignatureException", `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}'`);
    }
    const skew = signedAt - now();
    if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
      const stamp = (ms) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, "");
      throw authError("InvalidSignatureException", skew < 0 ? `Signature expired: ${amzDate} is now earlier than ${stamp(now() - MAX_CLOCK_SKEW_MS)} (${stamp(now())} - 5 min.)` : `Signature not yet current: ${amzDate} is still later than ${stamp(now() + MAX_CLOCK_SKEW_MS)} (${stamp(now())} + 5 min.)`);
    }
    const claimedHash = request.headers.get("x-amz-content-sha256");
    if (claimedHash !== null && claimedHash !== "UNSIGNED-PAYLOAD" && claimedHash.toLowerCase() !== await sha256Hex(body)) {
      throw authError("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    if (claimedHash === "UNSIGNED-PAYLOAD") throw authError("InvalidSignatureException", "This service needs a signed payload; UNSIGNED-PAYLOAD is not accepted.");
    const signedHeaders = parts.SignedHeaders.toLowerCase().split(";");
    const url = new URL(request.url);
    const headers = {};
    for (const name of signedHeaders) {
      const value = request.headers.get(name) ?? (name === "host" ? url.host : void 0);
      if (value === void 0) throw authError("InvalidSignatureException", `Signed header ${name} is not in the request.`);
      headers[name] = value;
    }
    let signer = signers.get(accessKeyId);
    if (!signer) {
      signer = new SignatureV4({ credentials: { accessKeyId, secretAccessKey: secret }, region, service: SIGNING_SERVICE, sha256: WebCryptoSha256, uriEscapePath: true, applyChecksum: false });
      signers.set(accessKeyId, signer);
    }
    const query = {};
    url.searchParams.forEach((value, key) => query[key] = value);
    const signed = await signer.sign(
      { method: request.method, protocol: url.protocol, hostname: url.hostname, path: url.pathname, query, headers, body },
      { signingDate: new Date(signedAt), signingRegion: region, signingService: service, signableHeaders: new Set(signedHeaders) }
    );
    const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1] ?? "";
    if (!constantTimeEqual(expected, parts.Signature)) {
      throw authError(
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
      );
    }
    return { accessKeyId, region };
  };
}
function parseCredentials(text2) {
  const out = /* @__PURE__ */ new Map();
  let key;
  let secret;
  const flush = () => {
    if (key !== void 0 && secret !== void 0) out.set(key, secret);
    key = secret = void 0;
  };
  text2.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    if (/^\[.*\]$/.test(line)) return flush();
    const ini = /^(aws_access_key_id|aws_secret_access_key|aws_session_token|region|output)\s*=\s*(.*)$/i.exec(line);
    if (ini) {
      if (ini[1].toLowerCase() === "aws_access_key_id") key = ini[2];
      if (ini[1].toLowerCase() === "aws_secret_access_key") secret = ini[2];
      return;
    }
    const pair = /^([A-Za-z0-9_+/=-]+)\s*[\s:=]\s*(\S+)$/.exec(line);
    if (!pair) throw new Error(`credentials line ${i + 1} is neither "ACCESS_KEY_ID SECRET" nor an AWS credentials file entry`);
    out.set(pair[1], pair[2]);
  });
  flush();
  return out;
}

// src/corefile/command.ts
async function listNamespacesViaApi(endpoint) {
  const namespaces = await listAllPages(endpoint, "ListNamespaces", {}, "Namespaces");
  return namespaces.map((ns) => ({ name: ns.Name, type: ns.Type }));
}
var address = (value) => value === "" || value === "off" ? false : value;
function corefileOptions(flags, readFile) {
  const int = (value, flag2) => {
    if (!/^\d+$/.test(value)) throw new Error(`${flag2} must be a whole number, got ${JSON.stringify(value)}`);
    return Number(value);
  };
  const tlsWanted = flags.grpcTls || flags.tlsCa !== void 0 || flags.tlsCert !== void 0 || flags.tlsKey !== void 0 || flags.tlsServername !== void 0;
  return {
    upstream: flags.upstream,
    port: int(flags.port, "--port"),
    cacheSeconds: int(flags.cache, "--cache"),
    prometheus: address(flags.prometheus),
    health: address(flags.health),
    ready: address(flags.ready),
    ...tlsWanted && {
      tls: {
        ...flags.tlsCert !== void 0 && { cert: flags.tlsCert },
        ...flags.tlsKey !== void 0 && { key: flags.tlsKey },
        ...flags.tlsCa !== void 0 && { ca: flags.tlsCa },
        ...flags.tlsServername !== void 0 && { serverName: flags.tlsServername }
      }
    },
    ...flags.template !== void 0 && { template: readFile ? readFile(flags.template) : (() => {
      throw new Error("--template is not supported in this runtime");
    })() }
  };
}
function addCorefileCommand(program, deps) {
  program.command("corefile").description("print a CoreDNS server block per Cloud Map DNS namespace, forwarding it to cloudmap-dns over gRPC").option("--endpoint <url>", "Cloud Map API to list namespaces from (when no Redis URL is given)", "http://127.0.0.1:8053/").option("--redis-url <url>", "read namespaces from this Redis instead (default: $REDIS_URL)").option("--redis-prefix <prefix>", "prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)").option("--upstream <host:port>", "the cloudmap-dns gRPC listener CoreDNS forwards to", "127.0.0.1:8054").option("--port <port>", "port of the CoreDNS server blocks", "53").option("--cache <seconds>", "most seconds CoreDNS caches an answer", "5").option("--prometheus <address>", "prometheus plugin address, or off", ":9153").option("--health <address>", "health plugin address (first block only), or off when the Corefile has health elsewhere", ":8080").option("--ready <address>", "ready plugin address, or off", ":8181").option("--grpc-tls", "reach the sidecar over TLS (system CAs unless --tls-ca)").option("--tls-ca <file>", "CA bundle CoreDNS trusts for the sidecar (implies TLS)").option("--tls-cert <file>", "client certificate CoreDNS presents (with --tls-key)").option("--tls-key <file>", "client key").option("--tls-servername <name>", "TLS server name to verify").option("--template <file>", "a server block template of your own (Go text/template subset, see corefile-templates/)").action(async (flags) => {
    const options = corefileOptions(flags, deps.readFile);
    const redisUrl = flags.redisUrl ?? (deps.env.REDIS_URL || void 0);
    let namespaces;
    if (redisUrl) {
      const store = createStore({ redisUrl, redisPrefix: flags.redisPrefix ?? deps.env.CLOUDMAP_REDIS_PREFIX ?? "cloudmap:" });
      try {
        namespaces = await store.listNamespaces();
      } finally {
        await store.close();
      }
    } else {
      namespaces = await listNamespacesViaApi(flags.endpoint);
    }
    (deps.writeOut ?? ((t) => console.log(t.replace(/\n$/, ""))))(renderCorefile(corefileZones(namespaces), options));
  });
}

// src/inspect/keyspace.ts
import { Cluster } from "ioredis";
var KEY_KINDS = {
  revision: "string",
  epoch: "string",
  events: "stream",
  namespaces: "set",
  "namespace-names": "hash",
  services: "set",
  operations: "zset",
  ns: "hash",
  "ns-services": "set",
  "ns-service-names": "hash",
  svc: "hash",
  "svc-instances": "set",
  "svc-attrs": "hash",
  "svc-hosts": "hash",
  inst: "hash",
  "inst-attrs": "hash",
  op: "hash",
  req: "hash",
  tags: "hash",
  lease: "string",
  "lease-shards": "hash",
  "lease-holders": "zset",
  health: "hash"
};
var SINGLE = /* @__PURE__ */ new Set(["revision", "epoch", "events", "namespaces", "namespace-names", "services", "operations"]);
function classifyKey(keys, key) {
  const suffix = key.slice(keys.base.length);
  const colon = suffix.indexOf(":");
  const head = colon < 0 ? suffix : suffix.slice(0, colon);
  const rest = colon < 0 ? "" : suffix.slice(colon + 1);
  if (!(head in KEY_KINDS)) return { key, rest: suffix };
  const kind = head;
  if (SINGLE.has(kind) !== colon < 0) return { key, rest: suffix };
  return { key, kind, rest };
}
function globEscape(text2) {
  return text2.replace(/[*?[\]\\]/g, "\\$&");
}
async function scanKeys(client, pattern) {
  const nodes = client instanceof Cluster ? await clusterMasters(client) : [client];
  const found = /* @__PURE__ */ new Set();
  for (const node of nodes) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", pattern, "COUNT", 1e3);
      for (const key of keys) found.add(key);
      cursor = next;
    } while (cursor !== "0");
  }
  return [...found].sort();
}
async function clusterMasters(cluster) {
  if (cluster.status !== "ready") {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the Redis Cluster was not ready within 10 s")), 1e4);
      cluster.once("ready", () => (clearTimeout(timer), resolve()));
      if (cluster.status === "wait") cluster.connect().catch(() => {
      });
    });
  }
  return cluster.nodes("master");
}

// src/inspect/check.ts
var HEALTH = /* @__PURE__ */ new Set(["HEALTHY", "UNHEALTHY", "UNKNOWN"]);
async function checkInvariants(client, keys) {
  const all = (await scanKeys(client, `${globEscape(keys.base)}*`)).map((key) => classifyKey(keys, key));
  const violations = [];
  const add = (key, rule, message) => void violations.push({ key, rule, message });
  const byKind = /* @__PURE__ */ new Map();
  for (const k of all) {
    if (!k.kind) add(k.key, "key-kind", "a key of no kind docs/redis-keys.md lists (written by hand or by another program?)");
    else byKind.set(k.kind, [...byKind.get(k.kind) ?? [], k]);
  }
  const of = (kind) => byKind.get(kind) ?? [];
  const exists = new Set(all.map((k) => k.key));
  const typed = all.filter((k) => k.kind);
  const types = await run(client, (p) => typed.forEach((k) => p.type(k.key)));
  typed.forEach((k, i) => {
    const want = KEY_KINDS[k.kind];
    if (types[i] !== want) add(k.key, "key-type", `is a ${String(types[i])}, must be a ${want}`);
  });
  const typeOf = new Map(typed.map((k, i) => [k.key, types[i]]));
  const isType = (key, kind) => typeOf.get(key) === KEY_KINDS[kind];
  const [revisionText, epoch, last] = await run(client, (p) => p.get(keys.revision).get(keys.epoch).xrevrange(keys.events, "+", "-", "COUNT", 1));
  const revision = Number(revisionText ?? 0);
  if (revisionText !== null && !/^\d+$/.test(String(revisionText))) add(keys.revision, "revision", `holds ${JSON.stringify(revisionText)}, not a number`);
  const lastId = last?.[0]?.[0];
  if (isType(keys.events, "events") && lastId !== `${revision}-0`) {
    add(keys.revision, "revision-stream", `is ${revision}, but the last change event is ${lastId ?? "none"} (every write sets the revision to its event's id)`);
  }
  if (revision > 0 && !exists.has(keys.events)) add(keys.events, "revision-stream", `is missing while the revision is ${revision}: followers cannot follow`);
  if (isType(keys.events, "events")) await checkStreamIds(client, keys.events, add);
  const hasState = revision > 0 || of("ns").length > 0 || of("svc").length > 0;
  if (hasState && epoch === null) add(keys.epoch, "epoch", "is missing: every follower will take it as a Redis reset and reload its view once");
  const nsIds = of("ns").map((k) => k.rest);
  const svcIds = of("svc").map((k) => k.rest);
  const [nsSet, nsNames, svcSet, opIds, ...hashes] = await run(client, (p) => {
    p.smembers(keys.namespaces).hgetall(keys.namespaceNames).smembers(keys.services).zrange(keys.operations, 0, -1);
    for (const id of nsIds) p.hgetall(keys.namespace(id));
    for (const id of svcIds) p.hgetall(keys.service(id));
  });
  const namespaces = new Map(nsIds.map((id, i) => [id, hashes[i] ?? {}]));
  const services = new Map(svcIds.map((id, i) => [id, hashes[nsIds.length + i] ?? {}]));
  const inSet = new Set(nsSet);
  for (const id of inSet) if (!namespaces.has(id)) add(keys.namespace(id), "namespace-index", `is missing, but ${keys.namespaces} lists ${id}`);
  for (const [id, ns] of namespaces) {
    if (!inSet.has(id)) add(keys.namespace(id), "namespace-index", `is not in ${keys.namespaces}`);
    if (ns.id !== id) add(keys.namespace(id), "namespace-id", `has id ${JSON.stringify(ns.id)}`);
    const lower = (ns.name ?? "").toLowerCase();
    if ((nsNames ?? {})[lower] !== id) add(keys.namespaceNames, "namespace-names", `does not map ${JSON.stringify(lower)} to ${id}`);
  }
  for (const [name, id] of Object.entries(nsNames ?? {})) {
    const ns = namespaces.get(id);
    if (!ns) add(keys.namespaceNames, "namespace-names", `maps ${JSON.stringify(name)} to ${id}, which does not exist`);
    else if ((ns.name ?? "").toLowerCase() !== name) add(keys.namespaceNames, "namespace-names", `maps ${JSON.stringify(name)} to ${id}, named ${JSON.stringify(ns.name)}`);
  }
  const svcInSet = new Set(svcSet);
  for (const id of svcInSet) if (!services.has(id)) add(keys.service(id), "service-index", `is missing, but ${keys.services} lists ${id}`);
  const nsServices = of("ns-services").map((k) => k.rest);
  const nsServiceNames = of("ns-service-names").map((k) => k.rest);
  const svcInstances = of("svc-instances").map((k) => k.rest);
  const svcHosts = of("svc-hosts").map((k) => k.rest);
  const indexes = await run(client, (p) => {
    for (const ns of nsServices) p.smembers(keys.servicesOf(ns));
    for (const ns of nsServiceNames) p.hgetall(keys.serviceNames(ns));
    for (const s of svcInstances) p.smembers(keys.instancesOf(s));
    for (const s of svcHosts) p.hgetall(keys.serviceHosts(s));
  });
  let at = 0;
  const servicesOfNs = new Map(nsServices.map((ns) => [ns, new Set(indexes[at++])]));
  const namesOfNs = new Map(nsServiceNames.map((ns) => [ns, indexes[at++] ?? {}]));
  const instancesOfSvc = new Map(svcInstances.map((s) => [s, new Set(indexes[at++])]));
  const hostsOfSvc = new Map(svcHosts.map((s) => [s, indexes[at++] ?? {}]));
  for (const [id, svc] of services) {
    if (!svcInSet.has(id)) add(keys.service(id), "service-index", `is not in ${keys.services}`);
    if (svc.id !== id) add(keys.service(id), "service-id", `has id ${JSON.stringify(svc.id)}`);
    const ns = svc.namespaceId ?? "";
    if (!namespaces.has(ns)) add(keys.service(id), "service-namespace", `names namespace ${JSON.stringify(ns)}, which does not exist`);
    if (!servicesOfNs.get(ns)?.has(id)) add(keys.servicesOf(ns), "namespace-services", `does not list service ${id} of that namespace`);
    const lower = (svc.name ?? "").toLowerCase();
    if (namesOfNs.get(ns)?.[lower] !== id) add(keys.serviceNames(ns), "service-names", `does not map ${JSON.stringify(lower)} to ${id}`);
    if (Number(svc.instancesRevision ?? 0) > revision) add(keys.service(id), "instances-revision", `has instancesRevision ${svc.instancesRevision}, above the revision ${revision}`);
  }
  for (const [ns, ids] of servicesOfNs) {
    if (!namespaces.has(ns)) add(keys.servicesOf(ns), "namespace-services", "belongs to a namespace that does not exist");
    for (const id of ids) if (services.get(id)?.namespaceId !== ns) add(keys.servicesOf(ns), "namespace-services", `lists ${id}, which is not a service of this namespace`);
  }
  for (const [ns, names] of namesOfNs) {
    if (!namespaces.has(ns)) add(keys.serviceNames(ns), "service-names", "belongs to a namespace that does not exist");
    for (const [name, id] of Object.entries(names)) {
      const svc = services.get(id);
      if (!svc || svc.namespaceId !== ns || (svc.name ?? "").toLowerCase() !== name) add(keys.serviceNames(ns), "service-names", `maps ${JSON.stringify(name)} to ${id}, which is not a service of that name here`);
    }
  }
  const instKeys = of("inst").map((k) => splitInstance(k.rest));
  const instFields = await run(client, (p) => instKeys.forEach(([s, i]) => p.hmget(keys.instance(s, i), "id", "serviceId", "healthStatus")));
  const instances = /* @__PURE__ */ new Set();
  instKeys.forEach(([s, i], n) => {
    const key = keys.instance(s, i);
    const [id, serviceId, health] = instFields[n] ?? [];
    instances.add(`${s}
${i}`);
    if (!services.has(s)) add(key, "instance-service", `belongs to service ${s}, which does not exist`);
    if (!instancesOfSvc.get(s)?.has(i)) add(key, "instance-index", `is not in ${keys.instancesOf(s)}`);
    if (id !== i || serviceId !== s) add(key, "instance-id", `has id ${JSON.stringify(id)} and serviceId ${JSON.stringify(serviceId)}`);
    if (!HEALTH.has(health ?? "")) add(key, "health-status", `has healthStatus ${JSON.stringify(health)}, not HEALTHY, UNHEALTHY or UNKNOWN`);
  });
  for (const [s, ids] of instancesOfSvc) {
    if (!services.has(s)) add(keys.instancesOf(s), "instance-index", "belongs to a service that does not exist");
    for (const i of ids) if (!instances.has(`${s}
${i}`)) add(keys.instance(s, i), "instance-index", `is missing, but ${keys.instancesOf(s)} lists ${i}`);
  }
  for (const [s, hosts] of hostsOfSvc) {
    for (const [lower, id] of Object.entries(hosts)) {
      if (!instances.has(`${s}
${id}`) || id.toLowerCase() !== lower) add(keys.serviceHosts(s), "service-hosts", `maps ${JSON.stringify(lower)} to ${JSON.stringify(id)}, which is not an instance of that host name`);
    }
  }
  for (const k of of("inst-attrs")) {
    const [s, i] = splitInstance(k.rest);
    if (!instances.has(`${s}
${i}`)) add(k.key, "attributes-owner", `belongs to instance ${i} of ${s}, which does not exist`);
  }
  for (const k of [...of("svc-attrs"), ...of("svc-hosts")]) if (!services.has(k.rest)) add(k.key, "service-owner", `belongs to service ${k.rest}, which does not exist`);
  const arns = new Set([...namespaces.values(), ...services.values()].map((r) => r.arn));
  for (const k of of("tags")) if (!arns.has(k.rest)) add(k.key, "tags-owner", "belongs to no namespace or service with that ARN");
  const ops = new Set(opIds);
  for (const k of of("op")) if (!ops.has(k.rest)) add(k.key, "operation-index", `is not in ${keys.operations}`);
  return { keysChecked: all.length, revision, violations };
}
function splitInstance(rest) {
  const colon = rest.indexOf(":");
  return colon < 0 ? [rest, ""] : [rest.slice(0, colon), rest.slice(colon + 1)];
}
async function checkStreamIds(client, stream, add) {
  let start = "-";
  let previous;
  for (; ; ) {
    const page = await client.xrange(stream, start, "+", "COUNT", 1e3);
    for (const [id] of page) {
      const match = /^(\d+)-0$/.exec(id);
      if (!match) return add(stream, "stream-ids", `has entry ${id}, not REVISION-0`);
      const n = Number(match[1]);
      if (previous !== void 0 && n !== previous + 1) return add(stream, "stream-ids", `jumps from ${previous}-0 to ${id} (entry ids are consecutive revisions)`);
      previous = n;
    }
    if (page.length < 1e3) return;
    start = `(${page[page.length - 1][0]}`;
  }
}
async function run(client, build) {
  const p = client.pipeline();
  build(p);
  if (p.length === 0) return [];
  const results = await p.exec() ?? [];
  return results.map(([error, value]) => {
    if (!error) return value;
    if (/^WRONGTYPE/.test(error.message)) return void 0;
    throw error;
  });
}

// src/inspect/follow.ts
function formatEvent(e) {
  const attrs = (a) => Object.entries(a).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => `${k}=${v}`).join(" ");
  const body = (() => {
    switch (e.type) {
      case "NamespaceUpserted":
        return `${e.namespace.id}  ${e.namespace.name}  ${e.namespace.type}`;
      case "NamespaceDeleted":
        return e.namespaceId;
      case "ServiceUpserted":
        return `${e.service.id}  ${e.service.name}  in ${e.service.namespaceId}${e.service.dnsRecords?.length ? `  ${e.service.dnsRecords.map((r) => `${r.type}:${r.ttl}`).join(",")}` : ""}`;
      case "ServiceDeleted":
        return `${e.serviceId}  in ${e.namespaceId}`;
      case "InstanceUpserted":
        return `${e.instance.serviceId}/${e.instance.id}  ${e.instance.healthStatus}  ${attrs(e.instance.attributes)}`.trimEnd();
      case "InstanceHealthChanged":
        return `${e.serviceId}/${e.instanceId}  ${e.healthStatus}`;
      case "InstanceDeleted":
        return `${e.serviceId}/${e.instanceId}`;
    }
  })();
  return `${e.revision}-0  ${e.type}  ${body}`;
}
async function followChanges(store, o) {
  let printed = 0;
  let subscription;
  let finish;
  const done = new Promise((resolve) => finish = resolve);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await subscription?.close();
    finish();
  };
  const subscribe = (after) => {
    subscription = store.subscribe(after, {
      onEvents: (events) => {
        for (const e of events) {
          if (stopped) return;
          o.write(o.json ? JSON.stringify(e) : formatEvent(e));
          if (o.count !== void 0 && ++printed >= o.count) return void stop();
        }
      },
      onGap: (reason) => {
        void (async () => {
          await subscription?.close();
          if (stopped) return;
          const revision = await store.revision();
          o.write(o.json ? JSON.stringify({ gap: reason ?? "the change feed cannot continue", continuingAfter: revision }) : `! gap: ${reason ?? "the change feed cannot continue"}; continuing after revision ${revision}`);
          subscribe(revision);
        })();
      },
      onError: (error) => o.write(o.json ? JSON.stringify({ error: error.message }) : `! ${error.message} (retrying)`)
    });
  };
  subscribe(o.from ?? await store.revision());
  if (o.count === 0) await stop();
  return { done, stop };
}

// src/inspect/render.ts
function selectState(state, o) {
  const matches = (filter, r) => filter === void 0 || r.id === filter || r.name.toLowerCase() === filter.toLowerCase();
  let namespaces = state.namespaces.filter((ns) => matches(o.namespace, ns));
  if (o.namespace !== void 0 && namespaces.length === 0) throw new Error(`--namespace ${JSON.stringify(o.namespace)}: no namespace has this name or id`);
  const nsIds = new Set(namespaces.map((ns) => ns.id));
  const services = state.services.filter((svc) => nsIds.has(svc.namespaceId) && matches(o.service, svc));
  if (o.service !== void 0) {
    if (services.length === 0) throw new Error(`--service ${JSON.stringify(o.service)}: no service has this name or id${o.namespace ? " in that namespace" : ""}`);
    const keep = new Set(services.map((s) => s.namespaceId));
    namespaces = namespaces.filter((ns) => keep.has(ns.id));
  }
  const svcIds = new Set(services.map((s) => s.id));
  return {
    ...state,
    namespaces,
    services,
    instances: state.instances.filter((i) => svcIds.has(i.serviceId)),
    lastChecks: state.lastChecks.filter((c) => svcIds.has(c.serviceId))
  };
}
var ago = (ms) => ms < 1e3 ? `${Math.max(0, Math.round(ms))} ms ago` : `${Math.round(ms / 1e3)} s ago`;
function renderState(state, o = {}) {
  const now = o.now ?? Date.now();
  const k = o.keys;
  const key = (name) => k && name ? `  [${name}]` : "";
  const lines = [];
  const head = [`source ${state.source}`];
  if (state.revision !== void 0) head.push(`revision ${state.revision}`);
  if (state.epoch !== void 0) head.push(state.epoch === null ? "epoch MISSING" : `epoch ${state.epoch}`);
  lines.push(head.join("  "));
  if (state.leases) {
    const counts = /* @__PURE__ */ new Map();
    for (const s of state.leases.shards) if (s.expiresAt > now) counts.set(s.holder, (counts.get(s.holder) ?? 0) + 1);
    const holders = state.leases.holders.filter((h) => h.expiresAt > now);
    lines.push(`health checkers: ${holders.length} live (${holders.map((h) => `${h.holder} holds ${counts.get(h.holder) ?? 0} shards`).join(", ") || "none"})`);
  }
  if (state.namespaces.length === 0) lines.push("", "(no namespaces)");
  const checks = new Map(state.lastChecks.map((c) => [`${c.serviceId}
${c.instanceId}`, c]));
  for (const ns of [...state.namespaces].sort((a, b) => a.name.localeCompare(b.name))) {
    const services = state.services.filter((s) => s.namespaceId === ns.id).sort((a, b) => a.name.localeCompare(b.name));
    lines.push("", `namespace ${ns.name}  ${ns.id}  ${ns.type}${ns.vpc ? `  ${ns.vpc}` : ""}  services ${services.length}${key(k?.namespace(ns.id))}`);
    for (const svc of services) {
      const instances = state.instances.filter((i) => i.serviceId === svc.id).sort((a, b) => a.id.localeCompare(b.id));
      const parts = [`service ${svc.name}`, svc.id, svc.type];
      if (svc.routingPolicy) parts.push(svc.routingPolicy);
      if (svc.dnsRecords?.length) parts.push(svc.dnsRecords.map((r) => `${r.type}:${r.ttl}`).join(","));
      const hc = svc.healthCheckConfig;
      if (hc) parts.push(`health-check ${hc.type}${hc.resourcePath ? ` ${hc.resourcePath}` : ""} x${hc.failureThreshold ?? 1}`);
      if (svc.healthCheckCustom) parts.push("health-check custom");
      parts.push(`instances ${instances.length}`);
      lines.push(`  ${parts.join("  ")}${key(k?.service(svc.id))}`);
      for (const inst of instances) {
        const attrs = Object.entries(inst.attributes).sort(([a], [b]) => a.localeCompare(b)).map(([a, v]) => `${a}=${v}`).join(" ");
        lines.push(`    instance ${inst.id}  ${inst.healthStatus ?? "-"}  ${attrs}${key(k?.instance(svc.id, inst.id))}`);
        const c = checks.get(`${svc.id}
${inst.id}`);
        if (c) {
          const streak = c.outcome === "success" ? `${c.consecutiveSuccesses} ok in a row` : `${c.consecutiveFailures} failed in a row`;
          lines.push(`      last check ${ago(now - c.time)}  ${c.outcome}  ${c.detail}  ${c.latencyMs} ms  ${c.target}  ${streak}  by ${c.checkedBy}`);
        }
      }
    }
  }
  return `${lines.join("\n")}
`;
}
function renderJson(state) {
  return `${JSON.stringify(state, null, 2)}
`;
}

// src/store/redis/shard-leases.ts
import { hostname } from "node:os";
var SCRIPT = "shardLeases-2.lua";
var COMMAND = "cloudmap_shardLeases";
var LUA = loadLua(SCRIPT);
function holderId() {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}
var ShardLeases = class {
  #o;
  #held = /* @__PURE__ */ new Set();
  #validUntil = 0;
  #emitted = /* @__PURE__ */ new Set();
  #timer;
  #expiry;
  #running = false;
  constructor(options) {
    const renewMs = options.renewMs ?? Math.floor(options.ttlMs / 4);
    if (!(renewMs > 0) || renewMs * 2 >= options.ttlMs) throw new Error(`renewMs (${renewMs}) must be above 0 and less than half of ttlMs (${options.ttlMs})`);
    if (!Number.isInteger(options.shards) || options.shards < 1) throw new Error(`shards must be a positive integer, got ${options.shards}`);
    this.#o = { now: () => performance.now(), ...options, renewMs };
    const redis = options.redis;
    if (typeof redis[COMMAND] !== "function") redis.defineCommand(COMMAND, { lua: LUA, numberOfKeys: numberOfKeys(SCRIPT) });
  }
  /** This holder's id. */
  get holder() {
    return this.#o.holder;
  }
  /** True while this holder may act on `shard` (held, and its lease has not run out by our clock). */
  holds(shard) {
    return this.#o.now() < this.#validUntil && this.#held.has(shard);
  }
  /** The shards this holder may act on now. */
  held() {
    return this.#o.now() < this.#validUntil ? this.#held : /* @__PURE__ */ new Set();
  }
  /** Makes the first call, then keeps renewing every `renewMs` until `stop()`. */
  async start() {
    if (this.#running) return;
    this.#running = true;
    await this.renew();
    this.#schedule();
  }
  /**
   * One call of the script (hold: renew, rebalance, acquire). Errors go to
   * `onError`; the shards held stay valid until they run out.
   */
  async renew() {
    const sent = this.#o.now();
    const { keys, group, holder, ttlMs, shards, renewMs } = this.#o;
    try {
      await whenReady(this.#o.redis, renewMs);
      const reply = await this.#call(keys.leaseShards(group), keys.leaseHolders(group), holder, ttlMs, shards, "hold");
      this.#held = new Set(reply.slice(1).map(Number));
      this.#validUntil = sent + ttlMs - renewMs;
      clearTimeout(this.#expiry);
      this.#expiry = setTimeout(() => this.#emit(), Math.max(0, this.#validUntil - this.#o.now()) + 1);
      this.#o.onRenewed?.(this.#held);
    } catch (error) {
      this.#o.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
    this.#emit();
  }
  /** Stops renewing and gives every shard up (best effort: if Redis is unreachable they run out on their own). */
  async stop() {
    this.#running = false;
    clearTimeout(this.#timer);
    clearTimeout(this.#expiry);
    const wasValid = this.#o.now() < this.#validUntil;
    this.#validUntil = 0;
    this.#held = /* @__PURE__ */ new Set();
    this.#emit();
    if (!wasValid) return;
    const { keys, group, holder, ttlMs, shards } = this.#o;
    await this.#call(keys.leaseShards(group), keys.leaseHolders(group), holder, ttlMs, shards, "release").catch(() => {
    });
  }
  #schedule() {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      void this.renew().finally(() => this.#schedule());
    }, this.#o.renewMs);
  }
  #emit() {
    const now = this.held();
    if (now.size === this.#emitted.size && [...now].every((s) => this.#emitted.has(s))) return;
    this.#emitted = now;
    this.#o.onChange?.(now);
  }
  #call(...args) {
    return this.#o.redis[COMMAND](...args);
  }
};
async function readShardLeases(redis, keys, group) {
  const [hash, holders] = await Promise.all([redis.hgetall(keys.leaseShards(group)), redis.zrange(keys.leaseHolders(group), 0, -1, "WITHSCORES")]);
  const shards = [];
  for (const [field, holder] of Object.entries(hash)) {
    if (!/^\d+$/.test(field)) continue;
    shards.push({ shard: Number(field), holder, expiresAt: Number(hash[`${field}:until`] ?? 0) });
  }
  shards.sort((a, b) => a.shard - b.shard);
  const list = [];
  for (let i = 0; i + 1 < holders.length; i += 2) list.push({ holder: holders[i], expiresAt: Number(holders[i + 1]) });
  return { holders: list, shards };
}

// src/health/results.ts
var FIELDS = ["time", "outcome", "latencyMs", "detail", "target", "lagMs", "consecutiveSuccesses", "consecutiveFailures", "checkedBy"];
var RedisCheckResults = class {
  #o;
  #pending = /* @__PURE__ */ new Map();
  #timer;
  #flushing = Promise.resolve();
  constructor(options) {
    this.#o = { flushMs: 200, ...options };
  }
  checked(report) {
    this.#queue(this.#o.keys.healthCheck(report.serviceId, report.instanceId), report);
  }
  forgotten(serviceId, instanceId, reason) {
    if (reason !== "shard-moved") this.#queue(this.#o.keys.healthCheck(serviceId, instanceId), null);
  }
  /** Writes what is queued now; resolves when Redis answered (or failed). */
  flush() {
    clearTimeout(this.#timer);
    this.#timer = void 0;
    const batch = this.#pending;
    this.#pending = /* @__PURE__ */ new Map();
    if (batch.size === 0) return this.#flushing;
    const pipeline = this.#o.redis.pipeline();
    for (const [key, report] of batch) {
      if (report === null) {
        pipeline.del(key);
        continue;
      }
      pipeline.hset(key, ...FIELDS.flatMap((f) => [f, String(report[f])]));
      pipeline.pexpire(key, this.#o.retentionMs);
    }
    this.#flushing = pipeline.exec().then(
      (replies) => {
        const failed = replies?.find(([error]) => error)?.[0];
        if (failed) this.#o.onError?.(failed);
      },
      (error) => this.#o.onError?.(error)
    );
    return this.#flushing;
  }
  /** Flushes and stops the batch timer. */
  async close() {
    await this.flush();
  }
  #queue(key, value) {
    this.#pending.set(key, value);
    this.#timer ??= setTimeout(() => void this.flush(), this.#o.flushMs);
  }
};
function fromHash(serviceId, instanceId, hash) {
  if (!hash.time || hash.outcome !== "success" && hash.outcome !== "failure") return void 0;
  return {
    serviceId,
    instanceId,
    time: Number(hash.time),
    outcome: hash.outcome,
    latencyMs: Number(hash.latencyMs),
    detail: hash.detail ?? "",
    target: hash.target ?? "",
    lagMs: Number(hash.lagMs),
    consecutiveSuccesses: Number(hash.consecutiveSuccesses),
    consecutiveFailures: Number(hash.consecutiveFailures),
    checkedBy: hash.checkedBy ?? ""
  };
}
async function readCheckResults(redis, keys, select = {}) {
  let pairs;
  if (select.serviceId && select.instanceIds) {
    pairs = select.instanceIds.map((id) => [select.serviceId, id]);
  } else {
    const base = keys.healthCheck(select.serviceId ?? "", "").slice(0, select.serviceId ? void 0 : -1);
    const pattern = `${base.replace(/[*?[\]\\]/g, "\\$&")}*`;
    pairs = [];
    let cursor = "0";
    const stem = keys.healthCheck("", "").slice(0, -1);
    do {
      const [next, found] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1e3);
      for (const key of found) {
        const rest = key.slice(stem.length);
        const colon = rest.indexOf(":");
        if (colon > 0) pairs.push([rest.slice(0, colon), rest.slice(colon + 1)]);
      }
      cursor = next;
    } while (cursor !== "0");
  }
  if (pairs.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const [s, i] of pairs) pipeline.hgetall(keys.healthCheck(s, i));
  const replies = await pipeline.exec() ?? [];
  return pairs.flatMap(([s, i], n) => {
    const check2 = fromHash(s, i, replies[n]?.[1] ?? {});
    return check2 ? [check2] : [];
  });
}

// src/health/inspect.ts
var HEALTH_LEASE_GROUP = "health";
function redisHealthInspector(redis, keys) {
  return {
    lastChecks: (select) => readCheckResults(redis, keys, select),
    leases: () => readShardLeases(redis, keys, HEALTH_LEASE_GROUP)
  };
}
function checkerInspector(checker) {
  return {
    lastChecks: async (select = {}) => {
      const all = checker.lastChecks(select.serviceId);
      return select.instanceIds ? all.filter((r) => select.instanceIds.includes(r.instanceId)) : all;
    },
    leases: async () => void 0
  };
}

// src/inspect/state.ts
async function readRedisState(store, client, keys, source) {
  const snapshot = await store.snapshot();
  const epoch = await client.get(keys.epoch);
  const byService = /* @__PURE__ */ new Map();
  for (const i of snapshot.instances) byService.set(i.serviceId, [...byService.get(i.serviceId) ?? [], i.id]);
  const lastChecks = [];
  for (const [serviceId, instanceIds] of byService) lastChecks.push(...await readCheckResults(client, keys, { serviceId, instanceIds }));
  const leases = await readShardLeases(client, keys, HEALTH_LEASE_GROUP);
  return {
    source,
    revision: snapshot.revision,
    epoch,
    namespaces: snapshot.namespaces,
    services: snapshot.services,
    instances: snapshot.instances,
    lastChecks,
    ...(leases.holders.length > 0 || leases.shards.length > 0) && { leases }
  };
}
async function readApiState(endpoint) {
  const state = { source: `api ${endpoint}`, namespaces: [], services: [], instances: [], lastChecks: [] };
  for (const ns of await listAllPages(endpoint, "ListNamespaces", {}, "Namespaces")) {
    state.namespaces.push({ id: String(ns.Id), name: String(ns.Name), type: ns.Type, ...ns.Description ? { description: String(ns.Description) } : {} });
    const filter = { Filters: [{ Name: "NAMESPACE_ID", Values: [ns.Id], Condition: "EQ" }] };
    for (const svc of await listAllPages(endpoint, "ListServices", filter, "Services")) {
      const dns = svc.DnsConfig;
      const hc = svc.HealthCheckConfig;
      state.services.push({
        id: String(svc.Id),
        name: String(svc.Name),
        namespaceId: String(ns.Id),
        type: svc.Type,
        ...dns?.RoutingPolicy && { routingPolicy: dns.RoutingPolicy },
        ...dns?.DnsRecords && { dnsRecords: dns.DnsRecords.map((r) => ({ type: r.Type, ttl: r.TTL })) },
        ...hc && { healthCheckConfig: { type: hc.Type, ...hc.ResourcePath && { resourcePath: hc.ResourcePath }, ...hc.FailureThreshold && { failureThreshold: hc.FailureThreshold } } },
        ...svc.HealthCheckCustomConfig ? { healthCheckCustom: true } : {}
      });
      const health = {};
      try {
        let token;
        do {
          const page = await callCloudMap(endpoint, "GetInstancesHealthStatus", { ServiceId: svc.Id, ...token && { NextToken: token } });
          Object.assign(health, page.Status ?? {});
          token = page.NextToken;
        } while (token);
      } catch {
      }
      for (const inst of await listAllPages(endpoint, "ListInstances", { ServiceId: svc.Id }, "Instances")) {
        const id = String(inst.Id);
        state.instances.push({ id, serviceId: String(svc.Id), attributes: inst.Attributes ?? {}, ...health[id] && { healthStatus: health[id] } });
      }
    }
  }
  return state;
}

// src/inspect/command.ts
var NEEDS_REDIS = "needs Redis state (--redis-url or REDIS_URL, --redis-sentinels or --redis-cluster-nodes): with memory state the data lives inside the server process, and only its Cloud Map API is readable (inspect without this flag)";
function count(value, flag2) {
  if (!/^\d+$/.test(value)) throw new Error(`${flag2} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}
function filters(flags) {
  return { ...flags.namespace !== void 0 && { namespace: flags.namespace }, ...flags.service !== void 0 && { service: flags.service } };
}
function addInspectCommand(program, deps) {
  const command = program.command("inspect").description("show namespaces, services and instances with health; --follow the change stream; --check the Redis key invariants").option("--redis-prefix <prefix>", "prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)").option("--redis-connect-timeout <seconds>", "give up when Redis does not answer within this time (default: 10)").option("--endpoint <url>", "Cloud Map API to read from when no Redis is given (memory state)", "http://127.0.0.1:8053/").option("--namespace <name|id>", "only this namespace").option("--service <name|id>", "only this service").option("--keys", "print the Redis key of each record (for redis-cli HGETALL)").option("--json", "print JSON instead of text").option("--follow", "print the change stream live, one event per line (Ctrl-C stops)").option("--from <revision>", "with --follow: start after this revision (0: everything the stream still holds; default: only new events)").option("--count <n>", "with --follow: stop after this many events").option("--check", "verify the key invariants of docs/redis-keys.md; exit 1 naming each violation");
  for (const [flags, description] of REDIS_OPTIONS) command.option(flags, description);
  command.action((flags) => inspect(flags, deps));
}
async function inspect(flags, deps) {
  const out = deps.writeOut ?? ((text2) => console.log(text2.replace(/\n$/, "")));
  if ([flags.follow, flags.check].filter(Boolean).length > 1) throw new Error("--follow and --check exclude each other");
  if ((flags.from !== void 0 || flags.count !== void 0) && !flags.follow) throw new Error("--from and --count go with --follow");
  const target = resolveRedisTarget(flags, deps.env);
  if (!target) {
    if (flags.follow) throw new Error(`--follow ${NEEDS_REDIS}`);
    if (flags.check) throw new Error(`--check ${NEEDS_REDIS}`);
    if (flags.keys) throw new Error(`--keys ${NEEDS_REDIS}`);
    const state = selectState(await readApiState(flags.endpoint), filters(flags));
    out(flags.json ? renderJson(state) : renderState(state));
    return;
  }
  const prefix = flags.redisPrefix ?? deps.env.CLOUDMAP_REDIS_PREFIX ?? "cloudmap:";
  const keys = new RedisKeys(prefix);
  const timeoutMs = Math.round(Number(flags.redisConnectTimeout ?? deps.env.CLOUDMAP_REDIS_CONNECT_TIMEOUT ?? "10") * 1e3);
  if (!(timeoutMs > 0)) throw new Error(`--redis-connect-timeout must be a number of seconds above 0, got ${JSON.stringify(flags.redisConnectTimeout)}`);
  await waitForRedis(target, timeoutMs, { probeKey: keys.revision });
  const store = new RedisStore({ target, prefix });
  const client = createRedisClient(target, { ...commandConnectionOptions({ connectTimeoutMs: timeoutMs, commandTimeoutMs: 3e4 }), connectionName: "cloudmap-inspect" });
  client.on("error", () => {
  });
  try {
    await whenReady(client, timeoutMs);
    if (flags.follow) {
      const following = await followChanges(store, {
        ...flags.from !== void 0 && { from: count(flags.from, "--from") },
        ...flags.count !== void 0 && { count: count(flags.count, "--count") },
        ...flags.json && { json: true },
        write: out
      });
      deps.onRunning?.(following.stop);
      await following.done;
      return;
    }
    if (flags.check) {
      const result = await checkInvariants(client, keys);
      if (flags.json) out(`${JSON.stringify(result, null, 2)}
`);
      else {
        for (const v of result.violations) out(`${v.key}: ${v.message} [${v.rule}]`);
        out(`checked ${result.keysChecked} keys under ${keys.base} at revision ${result.revision}: ${result.violations.length === 0 ? "no violations" : `${result.violations.length} violation${result.violations.length === 1 ? "" : "s"}`}`);
      }
      if (result.violations.length > 0) throw new Error(`--check found ${result.violations.length} violation${result.violations.length === 1 ? "" : "s"} of docs/redis-keys.md`);
      return;
    }
    const state = selectState(await readRedisState(store, client, keys, `${describeRedisTarget(target)} prefix ${prefix}`), filters(flags));
    out(flags.json ? renderJson(state) : renderState(state, flags.keys ? { keys } : {}));
  } finally {
    client.disconnect();
    await store.close();
  }
}

// src/lifecycle.ts
var FLUSH_MS = 100;
var InFlight = class {
  #count = 0;
  #idle = [];
  /** Requests in flight now. */
  get count() {
    return this.#count;
  }
  /** `fetch`, counted from the call until its Response (or error) is produced. */
  wrap(fetch) {
    return async (request) => {
      this.#count++;
      try {
        return await fetch(request);
      } finally {
        this.#count--;
        if (this.#count === 0) for (const resolve of this.#idle.splice(0)) resolve();
      }
    };
  }
  /**
   * Resolves when no request is in flight, or after `timeoutMs` milliseconds.
   * @returns true when idle, false on timeout
   */
  idle(timeoutMs) {
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#idle = this.#idle.filter((d) => d !== done);
        resolve(false);
      }, timeoutMs);
      this.#idle.push(done);
    });
  }
};
function countingRuntime(runtime, inFlight) {
  return { ...runtime, startHttpServer: (options) => runtime.startHttpServer({ ...options, fetch: inFlight.wrap(options.fetch) }) };
}
function stopOnSignals(o) {
  const { server, inFlight, logger, drainMs = 1e4, closeMs = 5e3 } = o;
  let stopping = false;
  const stop = (signal) => {
    if (stopping) {
      logger.warn({ signal }, `received ${signal} again; exiting without finishing the shutdown`);
      o.exit(1);
      return;
    }
    stopping = true;
    const started = Date.now();
    logger.info({ signal, inFlight: inFlight.count, drainMs }, `received ${signal}; draining requests in flight and stopping`);
    void (async () => {
      const drained = await inFlight.idle(drainMs);
      await new Promise((resolve) => setTimeout(resolve, FLUSH_MS));
      let timer;
      const closed = await Promise.race([
        server.close().then(() => true, (error) => (logger.error({ err: error.message }, "error while closing"), false)),
        new Promise((resolve) => timer = setTimeout(() => resolve(false), closeMs))
      ]);
      clearTimeout(timer);
      const fields = { signal, ms: Date.now() - started, drained, abandonedRequests: drained ? 0 : inFlight.count };
      if (closed) logger.info(fields, `stopped on ${signal}`);
      else logger.error({ ...fields, closeMs }, `stopped on ${signal} without closing cleanly`);
      o.exit(closed ? 0 : 1);
    })();
  };
  o.onSignal("SIGTERM", () => stop("SIGTERM"));
  o.onSignal("SIGINT", () => stop("SIGINT"));
}

// src/server.ts
import { Hono as Hono3 } from "hono";

// src/api/respond.ts
var AWS_JSON = "application/x-amz-json-1.1";
function jsonResponse(output, requestId) {
  return new Response(JSON.stringify(output ?? {}), {
    status: 200,
    headers: { "content-type": AWS_JSON, "x-amzn-requestid": requestId }
  });
}
function errorResponse(error, requestId) {
  const e = error instanceof CloudMapError ? error : new CloudMapError("InternalFailure", "An internal error occurred");
  const body = { __type: e.type, Message: e.message, message: e.message, ...e.fields };
  return new Response(JSON.stringify(body), {
    status: e.status,
    headers: { "content-type": AWS_JSON, "x-amzn-requestid": requestId, "x-amzn-errortype": e.type }
  });
}

// src/api/router.ts
import { Hono } from "hono";

// src/model/validate.ts
var OPERATION_NAMES = Object.freeze(Object.keys(OPERATIONS));
function isOperationName(name) {
  return Object.hasOwn(OPERATIONS, name);
}
function validateInput(operation, input) {
  if (!isOperationName(operation)) throw new Error(`validateInput: unknown operation ${operation}`);
  if (!isObject(input)) throw new CloudMapError("InvalidInput", "The request body must be a JSON object");
  const problems = [];
  check(OPERATIONS[operation].input, input, "", problems);
  if (problems.length > 0) {
    const count2 = problems.length === 1 ? "1 validation error" : problems.length >= MAX_PROBLEMS ? `At least ${MAX_PROBLEMS} validation errors` : `${problems.length} validation errors`;
    throw new CloudMapError("InvalidInput", `${count2} detected: ${problems.slice(0, MAX_PROBLEMS).join("; ")}`);
  }
}
var MAX_PROBLEMS = 50;
var MAX_WALKED_ENTRIES = 1e3;
var INTEGRAL = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  intEnum: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
};
var patterns = /* @__PURE__ */ new Map();
function regex(source) {
  let re = patterns.get(source);
  if (!re) patterns.set(source, re = new RegExp(source, "u"));
  return re;
}
function shapeOf(name) {
  const shape = SHAPES[name];
  if (!shape) throw new Error(`constraint table has no shape ${name}`);
  return shape;
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function check(name, value, path, problems) {
  if (problems.length >= MAX_PROBLEMS) return;
  const shape = shapeOf(name);
  const typeError = wrongType(shape, value);
  if (typeError) return void problems.push(violation(value, path, typeError));
  for (const c of constraints(shape, value)) problems.push(violation(value, path, c));
  if (shape.type === "structure" && isObject(value)) {
    for (const [member, m] of Object.entries(shape.members ?? {})) {
      const v = Object.hasOwn(value, member) ? value[member] : void 0;
      const at = (path ? `${path}.` : "") + member.charAt(0).toLowerCase() + member.slice(1);
      if (v !== void 0 && v !== null) check(m.target, v, at, problems);
      else if (m.required) problems.push(violation(null, at, "Member must not be null"));
    }
  } else if (shape.type === "list" && Array.isArray(value)) {
    const n = Math.min(value.length, MAX_WALKED_ENTRIES);
    for (let i = 0; i < n && problems.length < MAX_PROBLEMS; i++) {
      const v = value[i];
      const at = `${path}.${i + 1}.member`;
      if (v === null) problems.push(violation(null, at, "Member must not be null"));
      else check(shape.member, v, at, problems);
    }
  } else if (shape.type === "map" && isObject(value)) {
    const keyShape = shapeOf(shape.key);
    let walked = 0;
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue;
      if (++walked > MAX_WALKED_ENTRIES || problems.length >= MAX_PROBLEMS) break;
      const v = value[k];
      const keyProblems = constraints(keyShape, k);
      if (keyProblems.length) problems.push(violation(k, path, `Map keys must satisfy constraint: [${keyProblems.join(", ")}]`));
      const at = `${path}.${k.length > SHOWN_CHARS ? `${k.slice(0, SHOWN_CHARS)}...` : k}`;
      if (v === null) problems.push(violation(null, at, "Member must not be null"));
      else check(shape.value, v, at, problems);
    }
  }
}
function wrongType(shape, value) {
  const got = ` (got ${Array.isArray(value) ? "array" : value === null ? "null" : typeof value})`;
  const bounds = INTEGRAL[shape.type];
  switch (shape.type) {
    case "structure":
    case "map":
      return isObject(value) ? void 0 : `Member must be a JSON object${got}`;
    case "list":
      return Array.isArray(value) ? void 0 : `Member must be a JSON array${got}`;
    case "string":
    case "enum":
    case "blob":
      return typeof value === "string" ? void 0 : `Member must be a string${got}`;
    case "boolean":
      return typeof value === "boolean" ? void 0 : `Member must be a boolean${got}`;
    case "float":
    case "double":
    case "timestamp":
      return typeof value === "number" && Number.isFinite(value) ? void 0 : `Member must be a number${got}`;
    case "document":
      return void 0;
    default:
      if (!bounds) throw new Error(`constraint table has unsupported shape type ${shape.type}`);
      if (typeof value === "number" && Number.isInteger(value) && value >= bounds[0] && value <= bounds[1]) return void 0;
      return `Member must be an integral number of type ${shape.type} between ${bounds[0]} and ${bounds[1]}${got}`;
  }
}
function constraints(shape, value) {
  const out = [];
  if (shape.enum && !shape.enum.includes(value)) {
    out.push(`Member must satisfy enum value set: [${shape.enum.join(", ")}]`);
  }
  if (shape.length) {
    const n = typeof value === "string" ? codePoints(value) : Array.isArray(value) ? value.length : Object.keys(value).length;
    const { min, max } = shape.length;
    if (max !== void 0 && n > max) out.push(`Member must have length less than or equal to ${max}`);
    if (min !== void 0 && n < min) out.push(`Member must have length greater than or equal to ${min}`);
  }
  if (shape.pattern !== void 0 && typeof value === "string" && !regex(shape.pattern).test(value)) {
    out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
  if (shape.range && typeof value === "number") {
    const { min, max } = shape.range;
    if (max !== void 0 && value > max) out.push(`Member must have value less than or equal to ${max}`);
    if (min !== void 0 && value < min) out.push(`Member must have value greater than or equal to ${min}`);
  }
  return out;
}
function codePoints(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
function violation(value, path, constraint) {
  return `Value ${show(value)} at '${path}' failed to satisfy constraint: ${constraint}`;
}
var SHOWN_CHARS = 256;
var SHOWN_DEPTH = 8;
function show(value) {
  if (value === null || value === void 0) return "null";
  const text2 = typeof value === "string" ? value.slice(0, 2 * SHOWN_CHARS + 2) : boundedJson(value, 2 * SHOWN_CHARS);
  if (text2.length <= SHOWN_CHARS || codePoints(text2) <= SHOWN_CHARS) return `'${text2}'`;
  return `'${[...text2.slice(0, 2 * SHOWN_CHARS)].slice(0, SHOWN_CHARS).join("")}...'`;
}
function boundedJson(value, budget) {
  let out = "";
  const write = (v, depth) => {
    if (out.length > budget) return;
    if (typeof v === "string") out += JSON.stringify(v.length > budget ? v.slice(0, budget) : v);
    else if (v === null || typeof v !== "object") out += JSON.stringify(v) ?? "null";
    else if (depth >= SHOWN_DEPTH) out += Array.isArray(v) ? "[...]" : "{...}";
    else if (Array.isArray(v)) {
      out += "[";
      for (let i = 0; i < v.length && out.length <= budget; i++) {
        if (i > 0) out += ",";
        write(v[i], depth + 1);
      }
      out += "]";
    } else {
      out += "{";
      let first = true;
      for (const k in v) {
        if (out.length > budget) break;
        if (!Object.hasOwn(v, k)) continue;
        out += `${first ? "" : ","}${JSON.stringify(k.length > budget ? k.slice(0, budget) : k)}:`;
        first = false;
        write(v[k], depth + 1);
      }
      out += "}";
    }
  };
  write(value, 0);
  return out;
}

// src/log.ts
var noop = () => {
};
var silentLogger = { debug: noop, info: noop, warn: noop, error: noop };
function isClientAbort(error, signal) {
  if (signal?.aborted) return true;
  const e = error;
  return e?.code === "ECONNRESET" || e?.code === "ERR_STREAM_PREMATURE_CLOSE" || e?.name === "AbortError" || e?.message === "aborted";
}

// src/api/body.ts
async function readBody(request, maxBytes) {
  const tooLarge = () => new CloudMapError("InvalidInput", `The request body exceeds ${maxBytes} bytes`);
  const length = request.headers.get("content-length");
  if (length !== null) {
    if (Number(length) > maxBytes) throw tooLarge();
    return request.text();
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
var MAX_JSON_DEPTH = 32;
function nestsDeeperThan(text2, max) {
  if (!hasMoreOpenersThan(text2, max)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text2.length; i++) {
    const c = text2.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}
function hasMoreOpenersThan(text2, max) {
  let count2 = 0;
  for (const opener of ["{", "["]) {
    for (let i = text2.indexOf(opener); i !== -1; i = text2.indexOf(opener, i + 1)) {
      if (++count2 > max) return true;
    }
  }
  return false;
}
function parseBody(text2) {
  if (text2.length === 0 || text2.trim() === "") return {};
  if (nestsDeeperThan(text2, MAX_JSON_DEPTH)) {
    throw new CloudMapError("SerializationException", `The request body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels`);
  }
  let value;
  try {
    value = JSON.parse(text2);
  } catch {
    throw new CloudMapError("SerializationException", "The request body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new CloudMapError("SerializationException", "The request body must be a JSON object");
  }
  return value;
}

// src/api/context.ts
var AWS_REGION = /^(?:(?:us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+|cn-\w+-\d+|us-gov-\w+-\d+|us-iso[bf]?-\w+-\d+|eu-isoe-\w+-\d+|eusc-de-\w+-\d+)$/;
function isAwsRegion(region) {
  return region.length <= 32 && AWS_REGION.test(region);
}
function regionFromAuthorization(header) {
  if (!header) return void 0;
  const match = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/[^/,\s]+\/aws4_request/.exec(header);
  const region = match?.[1];
  return region !== void 0 && isAwsRegion(region) ? region : void 0;
}

// src/api/handler.ts
function tagMap(tags) {
  if (!tags || tags.length === 0) return void 0;
  const map = {};
  for (const t of tags) map[t.Key] = t.Value;
  return map;
}
var DEFAULT_MAX_RESULTS = 100;
var byCreateDate = (r) => `${String(r.createDate).padStart(15, "0")}:${r.id}`;

// src/api/shapes.ts
var epochSeconds = (ms) => ms / 1e3;
function compact(obj) {
  for (const key of Object.keys(obj)) if (obj[key] === void 0) delete obj[key];
  return obj;
}
function namespaceProperties(ns) {
  const dns = isDnsNamespace(ns) ? compact({ HostedZoneId: ns.hostedZoneId, SOA: ns.soaTtl === void 0 ? void 0 : { TTL: ns.soaTtl } }) : {};
  return { DnsProperties: dns, HttpProperties: { HttpName: ns.httpName } };
}
function namespaceSummaryShape(ns) {
  return compact({
    Id: ns.id,
    Arn: ns.arn,
    ResourceOwner: ns.resourceOwner,
    Name: ns.name,
    Type: ns.type,
    Description: ns.description,
    ServiceCount: ns.serviceCount ?? 0,
    Properties: namespaceProperties(ns),
    CreateDate: epochSeconds(ns.createDate)
  });
}
function namespaceShape(ns) {
  return compact({ ...namespaceSummaryShape(ns), CreatorRequestId: ns.creatorRequestId });
}
function dnsConfigShape(svc, withNamespaceId) {
  if (!svc.dnsRecords) return void 0;
  return compact({
    NamespaceId: withNamespaceId ? svc.namespaceId : void 0,
    RoutingPolicy: svc.routingPolicy ?? "MULTIVALUE",
    DnsRecords: svc.dnsRecords.map((r) => ({ Type: r.type, TTL: r.ttl }))
  });
}
function serviceSummaryShape(svc, withNamespaceId = false) {
  return compact({
    Id: svc.id,
    Arn: svc.arn,
    ResourceOwner: svc.resourceOwner,
    Name: svc.name,
    Type: svc.type,
    Description: svc.description,
    InstanceCount: svc.instanceCount ?? 0,
    DnsConfig: dnsConfigShape(svc, withNamespaceId),
    HealthCheckConfig: svc.healthCheckConfig ? compact({
      Type: svc.healthCheckConfig.type,
      ResourcePath: svc.healthCheckConfig.resourcePath,
      FailureThreshold: svc.healthCheckConfig.failureThreshold
    }) : void 0,
    HealthCheckCustomConfig: svc.healthCheckCustom ? { FailureThreshold: 1 } : void 0,
    CreateDate: epochSeconds(svc.createDate),
    CreatedByAccount: svc.createdByAccount
  });
}
function serviceShape(svc) {
  return compact({ ...serviceSummaryShape(svc, true), NamespaceId: svc.namespaceId, CreatorRequestId: svc.creatorRequestId });
}
function instanceShape(inst) {
  return compact({
    Id: inst.id,
    CreatorRequestId: inst.creatorRequestId,
    Attributes: { ...inst.attributes },
    CreatedByAccount: inst.createdByAccount
  });
}
function instanceSummaryShape(inst) {
  return { Id: inst.id, Attributes: { ...inst.attributes }, CreatedByAccount: inst.createdByAccount };
}
function httpInstanceSummaryShape(inst, namespaceName, serviceName) {
  return {
    InstanceId: inst.id,
    NamespaceName: namespaceName,
    ServiceName: serviceName,
    HealthStatus: inst.healthStatus,
    Attributes: { ...inst.attributes }
  };
}
function operationShape(op) {
  return compact({
    Id: op.id,
    OwnerAccount: op.ownerAccount,
    Type: op.type,
    Status: op.status,
    ErrorMessage: op.errorMessage,
    ErrorCode: op.errorCode,
    CreateDate: epochSeconds(op.createDate),
    UpdateDate: epochSeconds(op.updateDate),
    Targets: { ...op.targets }
  });
}
function tagListShape(tags) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

// src/api/discovery.ts
function findService(input, ctx) {
  const namespaceName = input.NamespaceName;
  const ns = ctx.view.namespaceByHttpName(namespaceName);
  if (!ns || input.OwnerAccount !== void 0 && input.OwnerAccount !== ns.resourceOwner) throw errors.namespaceNotFound(namespaceName);
  const entry = ctx.view.serviceByName(ns.id, input.ServiceName);
  if (!entry) throw errors.serviceNotFound(`${input.ServiceName} in namespace ${namespaceName}`);
  return entry;
}
var matchesAll = (inst, params) => Object.entries(params).every(([k, v]) => inst.attributes[k] === v);
function byHealth(entry, instances, filter) {
  if (!hasHealthCheck(entry.service) || filter === "ALL") return instances;
  if (filter === "UNHEALTHY") return instances.filter((i) => i.healthStatus === "UNHEALTHY");
  const healthy = instances.filter((i) => i.healthStatus === "HEALTHY");
  return filter === "HEALTHY_OR_ELSE_ALL" && healthy.length === 0 ? instances : healthy;
}
function pick(items, max) {
  if (items.length <= max) return items;
  const copy2 = [...items];
  for (let i = copy2.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy2[i], copy2[j]] = [copy2[j], copy2[i]];
  }
  return copy2.slice(0, max);
}
var discoverInstances = async (input, ctx) => {
  const entry = findService(input, ctx);
  let instances = [...entry.instances.values()].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const query = input.QueryParameters;
  if (query) instances = instances.filter((i) => matchesAll(i, query));
  const optional = input.OptionalParameters;
  if (optional) {
    const narrowed = instances.filter((i) => matchesAll(i, optional));
    if (narrowed.length > 0) instances = narrowed;
  }
  instances = byHealth(entry, instances, input.HealthStatus ?? "HEALTHY");
  const ns = ctx.view.namespaces.get(entry.service.namespaceId);
  return {
    Instances: pick(instances, input.MaxResults ?? DEFAULT_MAX_RESULTS).map(
      (i) => httpInstanceSummaryShape(i, ns.httpName, entry.service.name)
    ),
    InstancesRevision: entry.service.instancesRevision
  };
};
var discoverInstancesRevision = async (input, ctx) => ({
  InstancesRevision: findService(input, ctx).service.instancesRevision
});

// src/api/pagination.ts
function paginate(items, key, nextToken, maxResults) {
  const sorted = [...items].sort((a, b) => compare(key(a), key(b)));
  let start = 0;
  if (nextToken !== void 0 && nextToken !== "") {
    const after = decodeToken(nextToken);
    start = sorted.findIndex((item) => compare(key(item), after) > 0);
    if (start < 0) start = sorted.length;
  }
  const page = sorted.slice(start, start + maxResults);
  const last = page[page.length - 1];
  const more = start + maxResults < sorted.length && last !== void 0;
  return more ? { items: page, nextToken: encodeToken(key(last)) } : { items: page };
}
var compare = (a, b) => a < b ? -1 : a > b ? 1 : 0;
function encodeToken(key) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(`v1:${key}`)));
}
function decodeToken(token) {
  try {
    const text2 = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0)));
    if (text2.startsWith("v1:")) return text2.slice(3);
  } catch {
  }
  throw errors.invalidInput("The NextToken is not valid");
}

// src/api/health.ts
var getInstancesHealthStatus = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  let instances = await ctx.store.listInstances(service.id);
  const wanted = input.Instances;
  if (wanted) {
    const byId = new Map(instances.map((i) => [i.id, i]));
    const missing = wanted.find((id) => !byId.has(id));
    if (missing !== void 0) throw errors.instanceNotFound(service.id, missing);
    instances = [...new Set(wanted)].map((id) => byId.get(id));
  }
  const page = paginate(instances, (i) => i.id, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Status: Object.fromEntries(page.items.map((i) => [i.id, i.healthStatus])), NextToken: page.nextToken };
};
var updateInstanceCustomHealthStatus2 = async (input, ctx) => {
  await updateInstanceCustomHealthStatus(ctx, { serviceId: input.ServiceId, instanceId: input.InstanceId, status: input.Status });
  return {};
};

// src/api/instances.ts
var registerInstance2 = async (input, ctx) => {
  const { operationId } = await registerInstance(ctx, {
    serviceId: input.ServiceId,
    instanceId: input.InstanceId,
    attributes: input.Attributes,
    creatorRequestId: input.CreatorRequestId
  });
  return { OperationId: operationId };
};
var deregisterInstance2 = async (input, ctx) => {
  const { operationId } = await deregisterInstance(ctx, { serviceId: input.ServiceId, instanceId: input.InstanceId });
  return { OperationId: operationId };
};
var getInstance = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  const instance = await ctx.store.getInstance(service.id, input.InstanceId);
  if (!instance) throw errors.instanceNotFound(service.id, input.InstanceId);
  return { ResourceOwner: service.resourceOwner, Instance: instanceShape(instance) };
};
var listInstances = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  const all = await ctx.store.listInstances(service.id);
  const page = paginate(all, (i) => i.id, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { ResourceOwner: service.resourceOwner, Instances: page.items.map(instanceSummaryShape), NextToken: page.nextToken };
};

// src/api/filters.ts
function compileFilters(filters2, table) {
  if (!filters2 || filters2.length === 0) return () => true;
  const seen = /* @__PURE__ */ new Set();
  const tests = filters2.map((f) => {
    const field = table[f.Name];
    if (!field) throw errors.invalidInput(`Filter name ${f.Name} is not supported by this operation`);
    if (seen.has(f.Name)) throw errors.invalidInput(`Filter ${f.Name} is specified more than once`);
    seen.add(f.Name);
    const condition = f.Condition ?? "EQ";
    if (!field.conditions.includes(condition)) {
      throw errors.invalidInput(`Condition ${condition} is not supported for filter ${f.Name}`);
    }
    return compileOne(f, condition, field);
  });
  return (item) => tests.every((test) => test(item));
}
function compileOne(f, condition, field) {
  const norm = (v) => field.caseInsensitive ? v.toLowerCase() : v;
  const values = f.Values.map(norm);
  const single = () => {
    if (values.length !== 1) throw errors.invalidInput(`Condition ${condition} for filter ${f.Name} takes exactly one value`);
    return values[0];
  };
  switch (condition) {
    case "EQ": {
      const want = single();
      return (item) => norm(String(field.value(item) ?? "")) === want;
    }
    case "BEGINS_WITH": {
      const want = single();
      return (item) => norm(String(field.value(item) ?? "")).startsWith(want);
    }
    case "IN": {
      const set = new Set(values);
      return (item) => set.has(norm(String(field.value(item) ?? "")));
    }
    default: {
      const [start, end] = values.map(Number);
      if (values.length !== 2 || !Number.isFinite(start) || !Number.isFinite(end)) {
        throw errors.invalidInput(`Condition BETWEEN for filter ${f.Name} takes a start and an end date in epoch seconds`);
      }
      return (item) => {
        const v = Number(field.value(item));
        return v >= start && v <= end;
      };
    }
  }
}

// src/api/namespaces.ts
var createPrivateDnsNamespace = async (input, ctx) => {
  const { operationId } = await createNamespace(ctx, {
    type: "DNS_PRIVATE",
    name: input.Name,
    creatorRequestId: input.CreatorRequestId,
    description: input.Description,
    vpc: input.Vpc,
    soaTtl: input.Properties?.DnsProperties.SOA.TTL,
    tags: tagMap(input.Tags)
  });
  return { OperationId: operationId };
};
var createPublicDnsNamespace = async (input, ctx) => {
  const { operationId } = await createNamespace(ctx, {
    type: "DNS_PUBLIC",
    name: input.Name,
    creatorRequestId: input.CreatorRequestId,
    description: input.Description,
    soaTtl: input.Properties?.DnsProperties.SOA.TTL,
    tags: tagMap(input.Tags)
  });
  return { OperationId: operationId };
};
var createHttpNamespace = async (input, ctx) => {
  const { operationId } = await createNamespace(ctx, {
    type: "HTTP",
    name: input.Name,
    creatorRequestId: input.CreatorRequestId,
    description: input.Description,
    tags: tagMap(input.Tags)
  });
  return { OperationId: operationId };
};
var getNamespace = async (input, ctx) => ({
  Namespace: namespaceShape(await namespaceOrThrow(ctx.store, input.Id))
});
var namespaceFilters = (ctx) => ({
  TYPE: { conditions: ["EQ", "IN"], value: (ns) => ns.type },
  NAME: { conditions: ["EQ", "BEGINS_WITH"], value: (ns) => ns.name, caseInsensitive: true },
  HTTP_NAME: { conditions: ["EQ", "BEGINS_WITH"], value: (ns) => ns.httpName, caseInsensitive: true },
  RESOURCE_OWNER: {
    conditions: ["EQ"],
    value: (ns) => ns.resourceOwner === ctx.accountId ? "SELF" : "OTHER_ACCOUNTS"
  }
});
var listNamespaces = async (input, ctx) => {
  const matches = compileFilters(input.Filters, namespaceFilters(ctx));
  const all = (await ctx.store.listNamespaces()).filter(matches);
  const page = paginate(all, byCreateDate, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Namespaces: page.items.map(namespaceSummaryShape), NextToken: page.nextToken };
};
var deleteNamespace2 = async (input, ctx) => {
  const { operationId } = await deleteNamespace(ctx, { namespaceId: input.Id });
  return { OperationId: operationId };
};
var updateHttpNamespace = async (input, ctx) => {
  const { operationId } = await updateNamespace(ctx, {
    namespaceId: input.Id,
    type: "HTTP",
    description: input.Namespace.Description,
    updaterRequestId: input.UpdaterRequestId
  });
  return { OperationId: operationId };
};
var updatePrivateDnsNamespace = async (input, ctx) => {
  const { operationId } = await updateNamespace(ctx, {
    namespaceId: input.Id,
    type: "DNS_PRIVATE",
    description: input.Namespace.Description,
    soaTtl: input.Namespace.Properties?.DnsProperties.SOA.TTL,
    updaterRequestId: input.UpdaterRequestId
  });
  return { OperationId: operationId };
};
var updatePublicDnsNamespace = async (input, ctx) => {
  const { operationId } = await updateNamespace(ctx, {
    namespaceId: input.Id,
    type: "DNS_PUBLIC",
    description: input.Namespace.Description,
    soaTtl: input.Namespace.Properties?.DnsProperties.SOA.TTL,
    updaterRequestId: input.UpdaterRequestId
  });
  return { OperationId: operationId };
};

// src/api/operations.ts
var getOperation = async (input, ctx) => {
  const op = await ctx.store.getOperation(input.OperationId);
  if (!op || input.OwnerAccount !== void 0 && input.OwnerAccount !== op.ownerAccount) {
    throw errors.operationNotFound(input.OperationId);
  }
  return { Operation: operationShape(op) };
};
var operationFilters = {
  NAMESPACE_ID: { conditions: ["EQ"], value: (op) => op.targets.NAMESPACE },
  SERVICE_ID: { conditions: ["EQ"], value: (op) => op.targets.SERVICE },
  STATUS: { conditions: ["EQ", "IN"], value: (op) => op.status },
  TYPE: { conditions: ["EQ", "IN"], value: (op) => op.type },
  UPDATE_DATE: { conditions: ["BETWEEN"], value: (op) => op.updateDate / 1e3 }
};
var listOperations = async (input, ctx) => {
  const matches = compileFilters(input.Filters, operationFilters);
  const all = (await ctx.store.listOperations()).filter(matches);
  const page = paginate(all, byCreateDate, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Operations: page.items.map((op) => ({ Id: op.id, Status: op.status })), NextToken: page.nextToken };
};

// src/ops/service-attributes.ts
var MAX_SERVICE_ATTRIBUTES = 30;
async function updateServiceAttributes(deps, input) {
  await deps.store.updateServiceAttributes(idFromIdOrArn(input.serviceId), input.attributes, MAX_SERVICE_ATTRIBUTES);
}
async function deleteServiceAttributes(deps, input) {
  await deps.store.deleteServiceAttributes(idFromIdOrArn(input.serviceId), input.keys);
}

// src/api/services.ts
function healthCheckConfigOf(hc) {
  if (!hc) return void 0;
  return {
    type: hc.Type,
    ...hc.ResourcePath !== void 0 && { resourcePath: hc.ResourcePath },
    ...hc.FailureThreshold !== void 0 && { failureThreshold: hc.FailureThreshold }
  };
}
var dnsRecordsOf = (records2) => records2.map((r) => ({ type: r.Type, ttl: r.TTL }));
var createService2 = async (input, ctx) => {
  const namespaceId = input.NamespaceId ?? input.DnsConfig?.NamespaceId;
  if (!namespaceId) throw errors.invalidInput("NamespaceId is required");
  const service = await createService(ctx, {
    name: input.Name,
    namespaceId,
    creatorRequestId: input.CreatorRequestId,
    description: input.Description,
    dnsConfig: input.DnsConfig && { routingPolicy: input.DnsConfig.RoutingPolicy, dnsRecords: dnsRecordsOf(input.DnsConfig.DnsRecords) },
    healthCheckConfig: healthCheckConfigOf(input.HealthCheckConfig),
    healthCheckCustom: input.HealthCheckCustomConfig !== void 0,
    httpOnly: input.Type === "HTTP",
    tags: tagMap(input.Tags)
  });
  return { Service: serviceShape(service) };
};
var getService = async (input, ctx) => ({ Service: serviceShape(await serviceOrThrow(ctx.store, input.Id)) });
var serviceFilters = (ctx) => ({
  NAMESPACE_ID: { conditions: ["EQ"], value: (svc) => svc.namespaceId },
  RESOURCE_OWNER: { conditions: ["EQ"], value: (svc) => svc.resourceOwner === ctx.accountId ? "SELF" : "OTHER_ACCOUNTS" }
});
var listServices = async (input, ctx) => {
  const filters2 = input.Filters?.map((f) => f.Name === "NAMESPACE_ID" ? { ...f, Values: f.Values.map(idFromIdOrArn) } : f);
  const matches = compileFilters(filters2, serviceFilters(ctx));
  const all = (await ctx.store.listServices()).filter(matches);
  const page = paginate(all, byCreateDate, input.NextToken, input.MaxResults ?? DEFAULT_MAX_RESULTS);
  return { Services: page.items.map((s) => serviceSummaryShape(s)), NextToken: page.nextToken };
};
var deleteService2 = async (input, ctx) => {
  await deleteService(ctx, { serviceId: input.Id });
  return {};
};
var updateService2 = async (input, ctx) => {
  const change = input.Service;
  const { operationId } = await updateService(ctx, {
    serviceId: input.Id,
    description: change.Description,
    dnsRecords: change.DnsConfig && dnsRecordsOf(change.DnsConfig.DnsRecords),
    healthCheckConfig: healthCheckConfigOf(change.HealthCheckConfig) ?? null
  });
  return { OperationId: operationId };
};
var getServiceAttributes = async (input, ctx) => {
  const service = await serviceOrThrow(ctx.store, input.ServiceId);
  const attributes = await ctx.store.getServiceAttributes(service.id);
  return { ServiceAttributes: { ServiceArn: service.arn, ResourceOwner: service.resourceOwner, Attributes: attributes } };
};
var updateServiceAttributes2 = async (input, ctx) => {
  await updateServiceAttributes(ctx, { serviceId: input.ServiceId, attributes: input.Attributes });
  return {};
};
var deleteServiceAttributes2 = async (input, ctx) => {
  await deleteServiceAttributes(ctx, { serviceId: input.ServiceId, keys: input.Attributes });
  return {};
};

// src/api/tags.ts
var tagResource2 = async (input, ctx) => {
  await tagResource(ctx, { resourceArn: input.ResourceARN, tags: tagMap(input.Tags) ?? {} });
  return {};
};
var untagResource2 = async (input, ctx) => {
  await untagResource(ctx, { resourceArn: input.ResourceARN, tagKeys: input.TagKeys });
  return {};
};
var listTagsForResource = async (input, ctx) => {
  const resource = resourceOf(input.ResourceARN);
  const found = resource.kind === "namespace" ? await ctx.store.getNamespace(resource.id) : await ctx.store.getService(resource.id);
  if (!found || found.arn !== resource.arn) throw errors.resourceNotFound(resource.arn);
  return { Tags: tagListShape(await ctx.store.getTags(resource.arn)) };
};

// src/api/router.ts
var TARGET_PREFIX = "Route53AutoNaming_v20170314.";
var MAX_BODY_BYTES = 1024 * 1024;
var HANDLERS = {
  CreatePrivateDnsNamespace: createPrivateDnsNamespace,
  CreatePublicDnsNamespace: createPublicDnsNamespace,
  CreateHttpNamespace: createHttpNamespace,
  GetNamespace: getNamespace,
  ListNamespaces: listNamespaces,
  DeleteNamespace: deleteNamespace2,
  UpdateHttpNamespace: updateHttpNamespace,
  UpdatePrivateDnsNamespace: updatePrivateDnsNamespace,
  UpdatePublicDnsNamespace: updatePublicDnsNamespace,
  CreateService: createService2,
  GetService: getService,
  ListServices: listServices,
  DeleteService: deleteService2,
  UpdateService: updateService2,
  GetServiceAttributes: getServiceAttributes,
  UpdateServiceAttributes: updateServiceAttributes2,
  DeleteServiceAttributes: deleteServiceAttributes2,
  RegisterInstance: registerInstance2,
  DeregisterInstance: deregisterInstance2,
  GetInstance: getInstance,
  ListInstances: listInstances,
  GetInstancesHealthStatus: getInstancesHealthStatus,
  UpdateInstanceCustomHealthStatus: updateInstanceCustomHealthStatus2,
  DiscoverInstances: discoverInstances,
  DiscoverInstancesRevision: discoverInstancesRevision,
  GetOperation: getOperation,
  ListOperations: listOperations,
  ListTagsForResource: listTagsForResource,
  TagResource: tagResource2,
  UntagResource: untagResource2
};
function operationOf(request) {
  const target = request.headers.get("x-amz-target") ?? "";
  const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "";
  return isOperationName(operation) ? operation : void 0;
}
function unknownOperation(request) {
  const target = request.headers.get("x-amz-target") ?? "";
  return new CloudMapError("UnknownOperationException", `Unknown operation: ${target.slice(0, 200) || "(no X-Amz-Target header)"}`);
}
async function dispatch(body, region, operation, options) {
  const input = parseBody(body);
  validateInput(operation, input);
  const handler = HANDLERS[operation];
  const ctx = {
    store: options.store,
    view: options.view,
    region: region ?? options.region ?? "us-east-1",
    accountId: options.accountId ?? "123456789012",
    now: options.now ?? Date.now,
    awaitRevision: options.awaitRevision ?? (async () => {
    }),
    awsStrict: options.awsStrict ?? false,
    cachedService: (id) => options.view.services.get(id)?.service
  };
  return handler(input, ctx);
}
function createApiApp(options) {
  const logger = options.logger ?? silentLogger;
  const app = new Hono();
  app.post(
    "/",
    async (c) => {
      const started = performance.now();
      const requestId = crypto.randomUUID();
      const operation = operationOf(c.req.raw);
      try {
        const body = await readBody(c.req.raw, MAX_BODY_BYTES);
        let region;
        if (options.verifySignature) {
          const caller = await options.verifySignature(c.req.raw, body);
          region = isAwsRegion(caller.region) ? caller.region : void 0;
        } else {
          region = regionFromAuthorization(c.req.raw.headers.get("authorization"));
        }
        if (!operation) throw unknownOperation(c.req.raw);
        const response = jsonResponse(await dispatch(body, region, operation, options), requestId);
        const ms = elapsed(started);
        logger.info({ operation, status: 200, ms, requestId }, "api request");
        options.onRequest?.({ operation, status: 200, ms });
        return response;
      } catch (error) {
        const response = errorResponse(error, requestId);
        const ms = elapsed(started);
        if (isClientAbort(error, c.req.raw.signal)) {
          logger.debug({ operation: operation ?? null, ms, requestId, error: error.message }, "api request aborted by the client");
          options.onRequest?.({ operation: operation ?? null, status: 0, errorCode: "ClientAbort", ms });
          return response;
        }
        const errorCode2 = logFailure(logger, error, { operation: operation ?? null, status: response.status, ms, requestId });
        options.onRequest?.({ operation: operation ?? null, status: response.status, errorCode: errorCode2, ms });
        return response;
      }
    }
  );
  return app;
}
var elapsed = (started) => Math.round((performance.now() - started) * 1e3) / 1e3;
function logFailure(logger, error, fields) {
  if (error instanceof CloudMapError && error.type !== "InternalFailure") {
    const line = { ...fields, errorCode: error.type, error: error.message.slice(0, 500) };
    if (error.status >= 500) logger.warn(line, "api request");
    else logger.info(line, "api request");
    return error.type;
  }
  const err = error instanceof Error ? error : new Error(String(error));
  logger.error({ ...fields, errorCode: "InternalFailure", error: err.message, stack: err.stack }, "api request failed unexpectedly");
  return "InternalFailure";
}

// src/metrics/dense.ts
var Dense = class {
  name;
  help;
  aggregator = "sum";
  labelNames;
  #values;
  #strides;
  /** Number of label combinations. */
  cells;
  constructor(o) {
    if (o.labelNames.length !== o.labelValues.length) throw new Error(`${o.name}: one list of values per label name`);
    this.name = o.name;
    this.help = o.help;
    this.labelNames = o.labelNames;
    this.#values = o.labelValues;
    this.#strides = [];
    let cells = 1;
    for (let i = o.labelValues.length - 1; i >= 0; i--) {
      this.#strides[i] = cells;
      cells *= o.labelValues[i].length;
    }
    this.cells = cells;
  }
  /** Cell index of a label combination, from each label's value index (in `labelValues` order). */
  cell(...indices) {
    let c = 0;
    for (let i = 0; i < indices.length; i++) c += indices[i] * this.#strides[i];
    return c;
  }
  /** The labels of cell `c`. */
  labelsOf(c) {
    const labels = {};
    for (let i = 0; i < this.labelNames.length; i++) {
      labels[this.labelNames[i]] = this.#values[i][Math.floor(c / this.#strides[i]) % this.#values[i].length];
    }
    return labels;
  }
  register(registry) {
    registry.registerMetric(this);
  }
};
var DenseCounter = class extends Dense {
  type = "counter";
  #counts;
  constructor(o) {
    super(o);
    this.#counts = new Float64Array(this.cells);
    this.register(o.registry);
  }
  /** Adds `n` (default 1) to cell `c` (from `cell(...)`). */
  inc(c, n = 1) {
    this.#counts[c] += n;
  }
  /** Current value of cell `c`. */
  value(c) {
    return this.#counts[c];
  }
  /** Called by prom-client's `Registry` at scrape time. */
  async get() {
    const values = [];
    for (let c = 0; c < this.cells; c++) if (this.#counts[c] > 0) values.push({ value: this.#counts[c], labels: this.labelsOf(c) });
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
  /** `Registry.resetMetrics()`. */
  reset() {
    this.#counts.fill(0);
  }
};
var DenseHistogram = class extends Dense {
  type = "histogram";
  /** Upper bounds, ascending (the `le` labels; `+Inf` is implied). */
  buckets;
  /** Per cell: one count per bucket (not cumulative) and one for +Inf. */
  #bucketCounts;
  #sums;
  #counts;
  #width;
  constructor(o) {
    super(o);
    for (let i = 1; i < o.buckets.length; i++) if (!(o.buckets[i] > o.buckets[i - 1])) throw new Error(`${o.name}: buckets must ascend`);
    this.buckets = o.buckets;
    this.#width = o.buckets.length + 1;
    this.#bucketCounts = new Float64Array(this.cells * this.#width);
    this.#sums = new Float64Array(this.cells);
    this.#counts = new Float64Array(this.cells);
    this.register(o.registry);
  }
  /** Records `value` (seconds, bytes...) in cell `c`. */
  observe(c, value) {
    const b = this.buckets;
    let i = 0;
    while (i < b.length && value > b[i]) i++;
    this.#bucketCounts[c * this.#width + i]++;
    this.#sums[c] += value;
    this.#counts[c]++;
  }
  /** Observations in cell `c`. */
  count(c) {
    return this.#counts[c];
  }
  /** Called by prom-client's `Registry` at scrape time: cumulative `_bucket`s, `_sum`, `_count` per recorded cell. */
  async get() {
    const values = [];
    for (let c = 0; c < this.cells; c++) {
      if (this.#counts[c] === 0) continue;
      const labels = this.labelsOf(c);
      let cumulative = 0;
      for (let i = 0; i < this.#width; i++) {
        cumulative += this.#bucketCounts[c * this.#width + i];
        values.push({ value: cumulative, labels: { ...labels, le: i < this.buckets.length ? this.buckets[i] : "+Inf" }, metricName: `${this.name}_bucket` });
      }
      values.push({ value: this.#sums[c], labels, metricName: `${this.name}_sum` });
      values.push({ value: this.#counts[c], labels, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
  /** `Registry.resetMetrics()`. */
  reset() {
    this.#bucketCounts.fill(0);
    this.#sums.fill(0);
    this.#counts.fill(0);
  }
};
function exponentialBuckets(start, factor, count2) {
  return Array.from({ length: count2 }, (_, i) => Number((start * factor ** i).toPrecision(12)));
}

// src/metrics/registry.ts
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
var METRIC_NAMESPACE = "cloudmap_dns";
function metricName(component, name) {
  return `${METRIC_NAMESPACE}_${component}_${name}`;
}
function createRegistry(options = {}) {
  const registry = new Registry();
  if (options.processMetrics ?? true) {
    try {
      collectDefaultMetrics({ register: registry });
      for (const name of ["nodejs_active_handles_total", "nodejs_active_requests_total", "nodejs_active_resources_total"]) registry.removeSingleMetric(name);
    } catch {
    }
  }
  const deno = globalThis.Deno;
  const info = new Gauge({
    name: `${METRIC_NAMESPACE}_build_info`,
    help: "A metric with a constant 1 value labelled by the runtime running cloudmap-dns (CoreDNS: coredns_build_info).",
    labelNames: ["runtime", "runtime_version"],
    registers: [registry]
  });
  info.set(deno ? { runtime: "deno", runtime_version: deno.version.deno } : { runtime: "node", runtime_version: globalThis.process?.version ?? "unknown" }, 1);
  return registry;
}
async function metricsResponse(registry) {
  try {
    return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
  } catch (error) {
    return new Response(`cannot collect metrics: ${error.message}
`, { status: 500, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}

// src/dns/query.ts
function emptyParsedQuery() {
  return {
    id: 0,
    flags: 0,
    opcode: 0,
    question: { name: "", type: 0, class: 1 },
    questionEnd: HEADER_BYTES,
    questionLabels: 0,
    labelOffsets: new Int32Array(128),
    edns: false,
    ednsUdpSize: 0,
    dnssecOk: false,
    error: Rcode.NOERROR
  };
}
var nameChars = [];
function walkQuestion(bytes, out) {
  let off = HEADER_BYTES;
  let labels = 0;
  let dotted = false;
  nameChars.length = 0;
  for (; ; ) {
    if (off >= bytes.length) return -1;
    const len = bytes[off];
    if (len === 0) break;
    if (len > 63 || off + 1 + len > bytes.length || off + 1 + len - HEADER_BYTES > 254) return -1;
    out.labelOffsets[labels++] = off;
    if (labels > 1) nameChars.push(46);
    for (let i = off + 1; i <= off + len; i++) {
      const c = bytes[i];
      if (c === 46) dotted = true;
      nameChars.push(c >= 65 && c <= 90 ? c | 32 : c);
    }
    off += 1 + len;
  }
  off += 1;
  if (off + 4 > bytes.length) return -1;
  out.questionLabels = labels;
  out.question.name = String.fromCharCode.apply(null, nameChars);
  out.question.type = bytes[off] << 8 | bytes[off + 1];
  out.question.class = bytes[off + 2] << 8 | bytes[off + 3];
  if (dotted) out.error = Rcode.REFUSED;
  return off + 4;
}
function skipName(bytes, off, end) {
  for (let wire = 0; ; ) {
    if (off >= end) return -1;
    const len = bytes[off];
    if (len === 0) return off + 1;
    if ((len & 192) === 192) return off + 2 <= end ? off + 2 : -1;
    if (len & 192) return -1;
    wire += len + 1;
    if (wire > 255) return -1;
    off += 1 + len;
  }
}
function readRecords(bytes, off, out) {
  const end = bytes.length;
  const count2 = (bytes[6] << 8 | bytes[7]) + (bytes[8] << 8 | bytes[9]) + (bytes[10] << 8 | bytes[11]);
  const additionalFrom = (bytes[6] << 8 | bytes[7]) + (bytes[8] << 8 | bytes[9]);
  let rcode = Rcode.NOERROR;
  for (let i = 0; i < count2; i++) {
    const nameAt = off;
    off = skipName(bytes, off, end);
    if (off < 0 || off + 10 > end) return Rcode.FORMERR;
    const type = bytes[off] << 8 | bytes[off + 1];
    const rdlength = bytes[off + 8] << 8 | bytes[off + 9];
    const rdata = off + 10;
    if (rdata + rdlength > end) return Rcode.FORMERR;
    if (type === RRType.OPT && i >= additionalFrom) {
      if (out.edns || bytes[nameAt] !== 0) return Rcode.FORMERR;
      for (let o = rdata; o < rdata + rdlength; ) {
        if (o + 4 > rdata + rdlength) return Rcode.FORMERR;
        o += 4 + (bytes[o + 2] << 8 | bytes[o + 3]);
        if (o > rdata + rdlength) return Rcode.FORMERR;
      }
      out.edns = true;
      out.ednsUdpSize = bytes[off + 2] << 8 | bytes[off + 3];
      out.dnssecOk = ((bytes[off + 6] << 8 | bytes[off + 7]) & EDNS_DO) !== 0;
      if (bytes[off + 5] !== 0) rcode = Rcode.BADVERS;
    }
    off = rdata + rdlength;
  }
  return off === end ? rcode : Rcode.FORMERR;
}
function parseQuery(bytes, out) {
  if (bytes.length < HEADER_BYTES) return false;
  const flags = bytes[2] << 8 | bytes[3];
  if (flags & Flag.QR) return false;
  out.id = bytes[0] << 8 | bytes[1];
  out.flags = flags;
  out.opcode = flags >> 11 & 15;
  out.questionEnd = HEADER_BYTES;
  out.questionLabels = 0;
  out.edns = false;
  out.ednsUdpSize = 0;
  out.dnssecOk = false;
  out.error = Rcode.NOERROR;
  const qdcount = bytes[4] << 8 | bytes[5];
  const end = qdcount === 1 ? walkQuestion(bytes, out) : -1;
  if (end > 0) out.questionEnd = end;
  if (out.opcode !== Opcode.QUERY) {
    out.error = Rcode.NOTIMP;
    return true;
  }
  if (end < 0) {
    out.error = Rcode.FORMERR;
    return true;
  }
  const refused = out.error;
  const rcode = readRecords(bytes, end, out);
  if (rcode === Rcode.FORMERR) {
    out.edns = false;
    out.error = Rcode.FORMERR;
  } else {
    out.error = rcode !== Rcode.NOERROR ? rcode : refused;
  }
  if (out.edns && out.ednsUdpSize < UDP_MIN_PAYLOAD) out.ednsUdpSize = UDP_MIN_PAYLOAD;
  return true;
}

// src/dns/rrl-key.ts
var RrlClass = { response: 0, nodata: 1, nxdomain: 2, error: 3 };
var RRL_CLASS_NAMES = ["response", "nodata", "nxdomain", "error"];
var P1 = 16777619;
var P2 = 1540483477;
var LOWER = Uint8Array.from({ length: 256 }, (_, c) => c >= 65 && c <= 90 ? c | 32 : c);
function fmix(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 2246822507);
  h ^= h >>> 13;
  h = Math.imul(h, 3266489909);
  return (h ^ h >>> 16) >>> 0;
}
function parseIpv4(s, from, to) {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = from; i <= to; i++) {
    const c = i === to ? 46 : s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255 || ++parts > 4) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return -1;
  }
  return parts === 4 ? value : -1;
}
var AccountHasher = class {
  #seed;
  #v4Mask;
  #v6Bits;
  #groups = new Uint16Array(8);
  #tail = new Uint16Array(8);
  #h1 = 0;
  #h2 = 0;
  #lastSource = void 0;
  #sourceH1 = 0;
  #sourceH2 = 0;
  /**
   * @param ipv4PrefixLength bits of an IPv4 source that name its network, 0..32
   * @param ipv6PrefixLength bits of an IPv6 source that name its network, 0..128
   * @param seed hash seed (random per process by default; fixed in tests)
   */
  constructor(ipv4PrefixLength, ipv6PrefixLength, seed = Math.random() * 4294967296 >>> 0) {
    this.#seed = seed;
    this.#v4Mask = ipv4PrefixLength === 0 ? 0 : 4294967295 << 32 - ipv4PrefixLength >>> 0;
    this.#v6Bits = ipv6PrefixLength;
  }
  /**
   * The account key of `response` sent to `source` (an IP literal as Node's
   * dgram reports it, an IPv6 zone suffix `%eth0` allowed), written to `out`.
   * @returns the response class, or -1 when the response or address cannot be read (not limited)
   */
  key(source, response, out) {
    if (response.length < 12) return -1;
    if (source !== this.#lastSource) {
      this.#h1 = this.#seed ^ 2166136261;
      this.#h2 = this.#seed ^ 2538058380;
      if (!this.#source(source)) return -1;
      this.#lastSource = source;
      this.#sourceH1 = this.#h1;
      this.#sourceH2 = this.#h2;
    } else {
      this.#h1 = this.#sourceH1;
      this.#h2 = this.#sourceH2;
    }
    const rcode = response[3] & 15;
    const qdcount = response[4] << 8 | response[5];
    const ancount = response[6] << 8 | response[7];
    let cls;
    if (rcode === 0 && qdcount === 1) {
      cls = ancount > 0 ? RrlClass.response : RrlClass.nodata;
      this.#word(cls);
      const end = this.#name(response, 12);
      if (end < 0 || end + 4 > response.length) return -1;
      if (cls === RrlClass.response) this.#word(response[end] << 8 | response[end + 1]);
    } else if (rcode === 3) {
      cls = RrlClass.nxdomain;
      this.#word(cls);
      const soa = qdcount === 1 ? authorityOwner(response, ancount) : -1;
      if (soa >= 0) this.#name(response, soa);
    } else {
      cls = RrlClass.error;
      this.#word(cls);
    }
    out.a = fmix(this.#h1);
    out.b = fmix(this.#h2 ^ this.#h1);
    return cls;
  }
  #word(w) {
    this.#h1 = Math.imul(this.#h1 ^ w, P1);
    this.#h2 = Math.imul(this.#h2 ^ w, P2);
  }
  /** Hashes the source's network; false when `s` is not an IP literal. */
  #source(s) {
    let end = s.indexOf("%");
    if (end < 0) end = s.length;
    if (s.indexOf(":") < 0) {
      const v4 = parseIpv4(s, 0, end);
      if (v4 < 0) return false;
      this.#word(4);
      this.#word((v4 & this.#v4Mask) >>> 0);
      return true;
    }
    const g = this.#groups;
    if (!this.#parseIpv6(s, end)) return false;
    if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 65535) {
      this.#word(4);
      this.#word(((g[6] << 16 | g[7]) & this.#v4Mask) >>> 0);
      return true;
    }
    this.#word(6);
    for (let i = 0, bits = this.#v6Bits; i < 8 && bits > 0; i++, bits -= 16) {
      this.#word(bits >= 16 ? g[i] : g[i] & (65535 << 16 - bits & 65535));
    }
    return true;
  }
  /** Parses IPv6 text (RFC 4291 §2.2, `::` and a trailing dotted quad) in `s[0, end)` into the 8 groups. */
  #parseIpv6(s, end) {
    const g = this.#groups;
    const tail = this.#tail;
    let head = 0;
    let tails = 0;
    let gap = false;
    let i = 0;
    if (s.charCodeAt(0) === 58 && s.charCodeAt(1) === 58) {
      gap = true;
      i = 2;
    }
    while (i < end) {
      let v = 0;
      let j = i;
      while (j < end && j - i < 5) {
        const c = s.charCodeAt(j) | 32;
        if (c >= 48 && c <= 57) v = v * 16 + c - 48;
        else if (c >= 97 && c <= 102) v = v * 16 + c - 87;
        else break;
        j++;
      }
      if (j < end && s.charCodeAt(j) === 46) {
        const v4 = parseIpv4(s, i, end);
        if (v4 < 0 || head + tails > 6) return false;
        if (gap) tail[tails++] = v4 >>> 16, tail[tails++] = v4 & 65535;
        else g[head++] = v4 >>> 16, g[head++] = v4 & 65535;
        break;
      }
      if (j === i || j - i > 4 || head + tails >= 8) return false;
      if (gap) tail[tails++] = v;
      else g[head++] = v;
      if (j === end) break;
      if (s.charCodeAt(j) !== 58) return false;
      if (s.charCodeAt(j + 1) === 58) {
        if (gap) return false;
        gap = true;
        i = j + 2;
      } else {
        i = j + 1;
        if (i === end) return false;
      }
    }
    if (!gap) return head === 8;
    if (head + tails > 7) return false;
    g.fill(0, head, 8 - tails);
    for (let k = 0; k < tails; k++) g[8 - tails + k] = tail[k];
    return true;
  }
  /** Hashes the name at `off` (lower-cased, pointers followed); returns the offset after it in the record, or -1. */
  #name(m, off) {
    let after = -1;
    let jumps = 0;
    let h1 = this.#h1;
    let h2 = this.#h2;
    for (; ; ) {
      const len = m[off];
      if (len === void 0) return -1;
      if (len >= 192) {
        if (off + 1 >= m.length || ++jumps > 64) return -1;
        if (after < 0) after = off + 2;
        off = (len & 63) << 8 | m[off + 1];
        continue;
      }
      if (len > 63 || off + 1 + len > m.length) return -1;
      const end = off + 1 + len;
      for (let i = off; i < end; i++) {
        const c = LOWER[m[i]];
        h1 = Math.imul(h1 ^ c, P1);
        h2 = Math.imul(h2 ^ c, P2);
      }
      off = end;
      if (len === 0) {
        this.#h1 = Math.imul(h1 ^ 0, P1);
        this.#h2 = Math.imul(h2 ^ 0, P2);
        return after < 0 ? off : after;
      }
    }
  }
};
function skipName2(m, off) {
  for (; ; ) {
    const len = m[off];
    if (len === void 0 || len > 63 && len < 192) return -1;
    if (len >= 192) return off + 2 <= m.length ? off + 2 : -1;
    off += 1 + len;
    if (len === 0) return off;
  }
}
function authorityOwner(m, ancount) {
  const nscount = m[8] << 8 | m[9];
  if (nscount === 0) return -1;
  let off = skipName2(m, 12);
  if (off < 0) return -1;
  off += 4;
  for (let i = 0; i < ancount; i++) {
    off = skipName2(m, off);
    if (off < 0 || off + 10 > m.length) return -1;
    off += 10 + (m[off + 8] << 8 | m[off + 9]);
  }
  return off < m.length ? off : -1;
}

// src/dns/metrics.ts
var TRANSPORTS = ["udp", "tcp", "doh", "grpc"];
var TYPES = [
  ["A", 1],
  ["NS", 2],
  ["CNAME", 5],
  ["SOA", 6],
  ["PTR", 12],
  ["HINFO", 13],
  ["MX", 15],
  ["TXT", 16],
  ["AAAA", 28],
  ["SRV", 33],
  ["NAPTR", 35],
  ["DS", 43],
  ["DNSKEY", 48],
  ["NSEC", 47],
  ["NSEC3", 50],
  ["SVCB", 64],
  ["HTTPS", 65],
  ["IXFR", 251],
  ["AXFR", 252],
  ["ANY", 255],
  ["CAA", 257]
];
var TYPE_LABELS = ["other", ...TYPES.map(([name]) => name)];
var TYPE_INDEX = new Uint8Array(65536);
TYPES.forEach(([, code2], i) => TYPE_INDEX[code2] = i + 1);
var RCODE_LABELS = [
  "NOERROR",
  "FORMERR",
  "SERVFAIL",
  "NXDOMAIN",
  "NOTIMP",
  "REFUSED",
  "YXDOMAIN",
  "YXRRSET",
  "NXRRSET",
  "NOTAUTH",
  "NOTZONE",
  "DSOTYPENI",
  "RCODE12",
  "RCODE13",
  "RCODE14",
  "RCODE15",
  "BADVERS"
];
var BADVERS = 16;
function typeText(type) {
  const i = TYPE_INDEX[type];
  return i === 0 ? `TYPE${type}` : TYPE_LABELS[i];
}
function rcodeOf(response, tv) {
  const rcode = response.length >= 4 ? response[3] & 15 : 1;
  return rcode === 0 && tv > 65535 ? BADVERS : rcode;
}
var transportIndex = (t) => t === "udp" ? 0 : t === "tcp" ? 1 : t === "doh" ? 2 : 3;
function questionTypeAndVersion(q) {
  if (q.length < 17 || (q[4] << 8 | q[5]) !== 1) return -1;
  let off = 12;
  for (; ; ) {
    const len = q[off];
    if (len === void 0 || len > 63) return -1;
    off += len + 1;
    if (len === 0) break;
  }
  if (off + 4 > q.length) return -1;
  const type = q[off] << 8 | q[off + 1];
  off += 4;
  const arcount = q[10] << 8 | q[11];
  if (arcount > 0 && q[6] === 0 && q[7] === 0 && q[8] === 0 && q[9] === 0 && off + 11 <= q.length && q[off] === 0 && q[off + 1] === 0 && q[off + 2] === 41) {
    return type | q[off + 6] << 16;
  }
  return type;
}
var DnsMetrics = class {
  requests;
  dropped;
  duration;
  rrl;
  constructor(registry) {
    this.requests = new DenseCounter({
      name: metricName("dns", "requests_total"),
      help: "DNS queries answered, by transport (udp, tcp, doh, grpc), query type and response code.",
      labelNames: ["transport", "type", "rcode"],
      labelValues: [TRANSPORTS, TYPE_LABELS, RCODE_LABELS],
      registry
    });
    this.dropped = new DenseCounter({
      name: metricName("dns", "dropped_total"),
      help: "DNS messages dropped without an answer (shorter than a header, or not a query), by transport.",
      labelNames: ["transport"],
      labelValues: [TRANSPORTS],
      registry
    });
    this.duration = new DenseHistogram({
      name: metricName("dns", "request_duration_seconds"),
      help: "Time to answer one DNS query in this process (parse, resolve, encode; no socket I/O), by transport and query type.",
      labelNames: ["transport", "type"],
      labelValues: [TRANSPORTS, TYPE_LABELS],
      buckets: exponentialBuckets(25e-7, 2, 16),
      registry
    });
    this.rrl = new DenseCounter({
      name: metricName("dns", "rrl_responses_total"),
      help: "UDP responses withheld by response-rate limiting: dropped, or slipped (sent truncated, TC=1), by response class.",
      labelNames: ["action", "class"],
      labelValues: [["dropped", "slipped"], RRL_CLASS_NAMES],
      registry
    });
  }
  /** Counts one response limited by RRL (`ResponseRateLimiter`'s `onLimited`): `action` 1 dropped, 2 slipped. */
  recordRrl = (action, cls) => {
    this.rrl.inc((action - 1) * RRL_CLASS_NAMES.length + cls);
  };
  /**
   * Counts one query.
   * @param transport where it came from
   * @param query the query bytes
   * @param response the answer, or null when it was dropped
   * @param seconds time to answer
   * @returns the RCODE counted (0..16), or -1 when dropped
   */
  record(transport, query, response, seconds2) {
    const t = transportIndex(transport);
    if (response === null) {
      this.dropped.inc(t);
      return -1;
    }
    const tv = questionTypeAndVersion(query);
    const type = tv < 0 ? 0 : TYPE_INDEX[tv & 65535];
    const rcode = rcodeOf(response, tv);
    this.requests.inc(this.requests.cell(t, type, rcode));
    this.duration.observe(this.duration.cell(t, type), seconds2);
    return rcode;
  }
};
function instrumentResolver(resolver, options) {
  const { metrics, logger } = options;
  const debug = logger?.isLevelEnabled?.("debug") === true;
  if (!metrics && !debug) return resolver;
  const inner = resolver.handle.bind(resolver);
  const parsed = debug ? emptyParsedQuery() : void 0;
  const handle = (query, ctx) => {
    const started = performance.now();
    const response = inner(query, ctx);
    const ms = performance.now() - started;
    const rcode = metrics ? metrics.record(ctx.transport, query, response, ms / 1e3) : response ? rcodeOf(response, questionTypeAndVersion(query)) : -1;
    if (debug) logQuery(logger, parsed, ctx.transport, query, rcode, ms);
    return response;
  };
  return { view: resolver.view, resolve: (question) => resolver.resolve(question), handle };
}
function logQuery(logger, parsed, transport, query, rcode, ms) {
  const readable = parseQuery(query, parsed) && parsed.questionEnd > 12;
  logger.debug({
    transport,
    qname: readable ? `${parsed.question.name}.` : null,
    qtype: readable ? typeText(parsed.question.type) : null,
    rcode: rcode < 0 ? "dropped" : RCODE_LABELS[rcode] ?? String(rcode),
    ms: Math.round(ms * 1e3) / 1e3
  }, "dns query");
}

// src/dns/present.ts
function readName(bytes, at) {
  const labels = [];
  for (let len = bytes[at]; len !== 0; len = bytes[at]) {
    labels.push(String.fromCharCode(...bytes.subarray(at + 1, at + 1 + len)));
    at += 1 + len;
  }
  return [labels.join("."), at + 1];
}
var u16 = (b, at) => b[at] << 8 | b[at + 1];
var u32 = (b, at) => u16(b, at) * 65536 + u16(b, at + 2);
function presentRdata(type, bytes, at, length) {
  switch (type) {
    case RRType.A:
      return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
    case RRType.AAAA:
      return formatIPv6(bytes.subarray(at, at + 16));
    case RRType.NS:
    case RRType.CNAME:
      return readName(bytes, at)[0];
    case RRType.SRV:
      return `${u16(bytes, at)} ${u16(bytes, at + 2)} ${u16(bytes, at + 4)} ${readName(bytes, at + 6)[0]}`;
    case RRType.SOA: {
      const [mname, afterM] = readName(bytes, at);
      const [rname, afterR] = readName(bytes, afterM);
      const timers = [0, 1, 2, 3, 4].map((i) => u32(bytes, afterR + 4 * i));
      return `${mname} ${rname} ${timers.join(" ")}`;
    }
    default:
      throw new Error(`no presentation form for type ${type} (${length} bytes)`);
  }
}

// src/dns/records.ts
var EMPTY = [];
var WireRecord = class _WireRecord {
  /**
   * @param type numeric RR type (RFC 1035 §3.2.2)
   * @param ttl seconds
   * @param bytes the slab holding TYPE, CLASS (IN), TTL, RDLENGTH and RDATA at `at`
   * @param at offset of the record's bytes in `bytes`
   * @param length number of bytes (10 + RDLENGTH)
   * @param owner lowercase owner name without trailing dot, or its parent when `label` is set
   * @param label leftmost label(s) of the owner name below `owner` (an instance host name's id), or ''
   */
  constructor(type, ttl, bytes, at, length, owner, label) {
    this.type = type;
    this.ttl = ttl;
    this.bytes = bytes;
    this.at = at;
    this.length = length;
    this.owner = owner;
    this.label = label;
  }
  type;
  ttl;
  bytes;
  at;
  length;
  owner;
  label;
  /** Owner name, lowercase, no trailing dot. */
  get name() {
    return this.label === "" ? this.owner : `${this.label}.${this.owner}`;
  }
  /** A view of the slab at this record, made on first use (see `body`). */
  #body;
  /**
   * TYPE, CLASS (IN), TTL, RDLENGTH and RDATA: the wire form after the owner
   * name, as a view of the slab made on first use and kept (the encoder asks
   * for it only for records over 48 bytes, which a native copy writes faster
   * than a loop: SRV records with long target names, SOA).
   */
  get body() {
    return this.#body ??= this.bytes.subarray(this.at, this.at + this.length);
  }
  /** Presentation-form RDATA (see `rrsets.ts`), decoded from the wire bytes. */
  get value() {
    return presentRdata(this.type, this.bytes, this.at + 10, this.length - 10);
  }
  /**
   * SRV records: the A / AAAA records at the target name, for the
   * additional section (set once the service's host records are built);
   * empty for other types. An SRV record is its own `SrvTarget` (no wrapper
   * object per instance, and one object shape for every record, so the
   * encoder's property reads stay monomorphic).
   */
  addresses = EMPTY;
  /** The SRV record itself (see `addresses`). */
  get srv() {
    return this;
  }
  /** The same bytes at another owner (shares the span: for an instance host's copy of its service address record). */
  at_owner(owner, label) {
    return new _WireRecord(this.type, this.ttl, this.bytes, this.at, this.length, owner, label);
  }
};
var typeNumber = { A: RRType.A, AAAA: RRType.AAAA, CNAME: RRType.CNAME, SRV: RRType.SRV, SOA: RRType.SOA, NS: RRType.NS };
function wireRecord(name, type, ttl, value, label = "") {
  const [bytes, at, length] = encodeSpan(name, type, ttl, value, label);
  return new WireRecord(type, ttl, bytes, at, length, name, label);
}
function encodeSpan(name, type, ttl, value, label) {
  const rdata = encodeRdata(type, value);
  if (!rdata) throw new Error(`cannot encode ${label ? `${label}.` : ""}${name} ${type} ${JSON.stringify(value)}`);
  const length = 10 + rdata.length;
  const at = allocateRecordSpan(length);
  const bytes = recordSpanArray();
  bytes[at] = type >> 8;
  bytes[at + 1] = type & 255;
  bytes[at + 3] = 1;
  bytes[at + 4] = ttl >>> 24 & 255;
  bytes[at + 5] = ttl >>> 16 & 255;
  bytes[at + 6] = ttl >>> 8 & 255;
  bytes[at + 7] = ttl & 255;
  bytes[at + 8] = rdata.length >> 8;
  bytes[at + 9] = rdata.length & 255;
  bytes.set(rdata, at + 10);
  return [bytes, at, length];
}
function buildZoneRecords(namespace, naming) {
  const [soa, ns] = apexRRsets(namespace, naming);
  const name = canonicalName(namespace.name);
  return {
    name,
    labels: name.split(".").length,
    soa: wireRecord(name, RRType.SOA, soa.ttl, soa.values[0]),
    negativeSoa: wireRecord(name, RRType.SOA, negativeTtl(soa.ttl), soa.values[0]),
    ns: wireRecord(name, RRType.NS, ns.ttl, ns.values[0])
  };
}
var pool = () => ({ healthy: [], unhealthy: [] });
function buildServiceRecords(namespace, service, instances) {
  const rrsets = serviceRRsets(namespace, service, instances);
  const owner = serviceRecordName(namespace, service);
  const a = pool();
  const aaaa = pool();
  const cnames = pool();
  const srv = pool();
  const hasSrv = service.dnsRecords?.some((t) => t.type === "SRV") ?? false;
  const hosts = hasSrv ? /* @__PURE__ */ new Map() : void 0;
  let ents;
  const hostKey = (name) => name.slice(0, name.length - owner.length - 1);
  if (hosts) {
    for (const inst of instances) {
      const key = inst.id.toLowerCase();
      if (!hosts.has(key)) hosts.set(key, EMPTY);
      for (let dot = key.indexOf("."); dot >= 0; dot = key.indexOf(".", dot + 1)) (ents ??= /* @__PURE__ */ new Set()).add(key.slice(dot + 1));
    }
    if (ents) for (const key of hosts.keys()) ents.delete(key);
  }
  let lastA;
  let lastAAAA;
  const targets = [];
  for (const r of rrsets) {
    const type = typeNumber[r.type];
    const value = r.values[0];
    if (r.role === "host") {
      const label = hostKey(r.name);
      const same = type === RRType.A ? lastA : lastAAAA;
      const record2 = same && same.ttl === r.ttl && same.value === value ? same.at_owner(owner, label) : wireRecord(owner, type, r.ttl, value, label);
      const list = hosts?.get(label);
      if (list) hosts.set(label, list.length === 0 ? [record2] : [...list, record2]);
      continue;
    }
    if (r.role !== "service") continue;
    const side = r.healthy ? "healthy" : "unhealthy";
    if (r.type === "SRV") {
      const [bytes, at, length] = encodeSpan(owner, type, r.ttl, value, "");
      const record2 = new WireRecord(type, r.ttl, bytes, at, length, owner, "");
      srv[side].push(record2);
      targets.push([record2, hostKey(value.slice(value.lastIndexOf(" ") + 1))]);
      continue;
    }
    const record = wireRecord(owner, type, r.ttl, value);
    if (r.type === "A") {
      a[side].push(record);
      lastA = record;
      lastAAAA = void 0;
    } else if (r.type === "AAAA") {
      aaaa[side].push(record);
      lastAAAA = record;
    } else if (r.type === "CNAME") cnames[side].push(record);
  }
  for (const [record, key] of targets) record.addresses = hosts?.get(key) ?? EMPTY;
  return {
    weighted: service.routingPolicy === "WEIGHTED",
    cname: service.dnsRecords?.some((t) => t.type === "CNAME") ?? false,
    a,
    aaaa,
    cnames,
    srv,
    hosts,
    hostEmptyNonTerminals: ents && ents.size > 0 ? ents : void 0
  };
}

// src/dns/record-cache.ts
var RecordCache = class {
  constructor(naming) {
    this.naming = naming;
  }
  naming;
  #zones = /* @__PURE__ */ new WeakMap();
  #services = /* @__PURE__ */ new WeakMap();
  /** Apex records of `zone`. */
  zone(zone) {
    const memo = this.#zones.get(zone);
    if (memo && memo.namespace === zone.namespace) return memo.records;
    const records2 = buildZoneRecords(zone.namespace, this.naming);
    this.#zones.set(zone, { namespace: zone.namespace, records: records2 });
    return records2;
  }
  /** Records of the service `entry` in `zone`. */
  service(entry, zone) {
    const healthy = entry.healthy();
    const unhealthy = entry.unhealthy();
    const memo = this.#services.get(entry);
    if (memo && memo.healthy === healthy && memo.unhealthy === unhealthy && memo.service === entry.service && memo.namespace === zone.namespace) {
      return memo.records;
    }
    const instances = unhealthy.length === 0 ? healthy : healthy.concat(unhealthy);
    const records2 = buildServiceRecords(zone.namespace, entry.service, instances);
    this.#services.set(entry, { service: entry.service, namespace: zone.namespace, healthy, unhealthy, records: records2 });
    return records2;
  }
};

// src/dns/negative.ts
function hasSrvRecord(service) {
  const records2 = service.dnsRecords;
  if (!records2) return false;
  for (let i = 0; i < records2.length; i++) if (records2[i].type === "SRV") return true;
  return false;
}
function lookupHost(zone, relative, cache) {
  let ent = false;
  for (let dot = relative.indexOf("."); dot > 0; dot = relative.indexOf(".", dot + 1)) {
    const entry = zone.services.get(relative.slice(dot + 1));
    if (!entry || !hasSrvRecord(entry.service)) continue;
    const records2 = cache.service(entry, zone);
    const label = relative.slice(0, dot);
    const host = records2.hosts?.get(label);
    if (host) return host;
    if (records2.hostEmptyNonTerminals?.has(label)) ent = true;
  }
  return ent ? "empty-non-terminal" : void 0;
}

// src/dns/select.ts
var MULTIVALUE_MAX = 8;
var chosen = new Int32Array(MULTIVALUE_MAX);
function below(n, random) {
  const r = Math.floor(random() * n);
  return r >= n ? n - 1 : r < 0 ? 0 : r;
}
function sample(n, k, random) {
  const count2 = k < n ? k : n;
  let size = 0;
  for (let j = n - count2; j < n; j++) {
    const t = below(j + 1, random);
    let seen = false;
    for (let i = 0; i < size; i++) {
      if (chosen[i] === t) {
        seen = true;
        break;
      }
    }
    chosen[size++] = seen ? j : t;
  }
  for (let i = size - 1; i > 0; i--) {
    const j = below(i + 1, random);
    const tmp = chosen[i];
    chosen[i] = chosen[j];
    chosen[j] = tmp;
  }
  return size;
}
function choose(pool2, single, random) {
  const from = pool2.healthy.length > 0 ? pool2.healthy : pool2.unhealthy;
  const n = from.length;
  if (single) {
    chosenCount = n > 0 ? 1 : 0;
    if (n > 0) chosen[0] = below(n, random);
  } else if (n <= MULTIVALUE_MAX) {
    for (let i = 0; i < n; i++) chosen[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = below(i + 1, random);
      const tmp = chosen[i];
      chosen[i] = chosen[j];
      chosen[j] = tmp;
    }
    chosenCount = n;
  } else {
    chosenCount = sample(n, MULTIVALUE_MAX, random);
  }
  return from;
}
var chosenCount = 0;
var chosenIndices = chosen;
function chosenLength() {
  return chosenCount;
}
function pick2(pool2, single, random, out) {
  const from = choose(pool2, single, random);
  for (let i = 0; i < chosenCount; i++) out.push(from[chosen[i]]);
  return chosenCount;
}

// src/dns/resolve.ts
function emptyResolution() {
  return { rcode: Rcode.NOERROR, authoritative: false, zone: void 0, answers: [], authority: [], additionals: [], additionalOwners: [] };
}
function resolveInto(question, view, cache, random, out, fullAny = false) {
  out.rcode = Rcode.NOERROR;
  out.authoritative = false;
  out.zone = void 0;
  if (out.answers.length !== 0) out.answers.length = 0;
  if (out.authority.length !== 0) out.authority.length = 0;
  if (out.additionals.length !== 0) {
    out.additionals.length = 0;
    out.additionalOwners.length = 0;
  }
  const qclass = question.class ?? RRClass.IN;
  const type = question.type;
  const name = canonicalName(question.name);
  const zone = qclass === RRClass.IN || qclass === RRClass.ANY ? view.findZone(name) : void 0;
  if (!zone || type === RRType.AXFR || type === RRType.IXFR) {
    out.rcode = Rcode.REFUSED;
    return out;
  }
  const zr = cache.zone(zone);
  out.zone = zr;
  out.authoritative = true;
  const answers = out.answers;
  const any = type === RRType.ANY;
  const minimalAny = any && !fullAny;
  if (name.length === zr.name.length) {
    if (type === RRType.SOA || any) answers.push(zr.soa);
    if (type === RRType.NS || any && !minimalAny) answers.push(zr.ns);
  } else {
    const relative = name.slice(0, name.length - zr.name.length - 1);
    const entry = zone.services.get(relative);
    if (entry) {
      const records2 = cache.service(entry, zone);
      if (records2.cname) {
        pick2(records2.cnames, true, random, answers);
      } else {
        if (any || type === RRType.A) pick2(records2.a, records2.weighted, random, answers);
        if (any && !(minimalAny && answers.length > 0) || type === RRType.AAAA) pick2(records2.aaaa, records2.weighted, random, answers);
        if (any && !(minimalAny && answers.length > 0) || type === RRType.SRV) {
          const from = choose(records2.srv, records2.weighted, random);
          const n = chosenLength();
          for (let i = 0; i < n; i++) {
            const target = from[chosenIndices[i]];
            const owner = answers.length;
            answers.push(target.srv);
            if (minimalAny) continue;
            for (let j = 0; j < target.addresses.length; j++) {
              out.additionals.push(target.addresses[j]);
              out.additionalOwners.push(owner);
            }
          }
        }
      }
    } else {
      const host = lookupHost(zone, relative, cache);
      if (typeof host === "object") {
        for (let i = 0; i < host.length; i++) {
          const r = host[i];
          if (r.type === type || any && !(minimalAny && answers.length > 0 && answers[0].type !== r.type)) answers.push(r);
        }
      } else if (host === void 0 && !zone.isEmptyNonTerminal(relative)) {
        out.rcode = Rcode.NXDOMAIN;
      }
    }
  }
  if (answers.length === 0) out.authority.push(zr.negativeSoa);
  return out;
}

// src/dns/wire.ts
function responseSizeLimit(transport, ednsUdpSize, serverUdpPayload) {
  if (transport !== "udp") return STREAM_MAX_MESSAGE;
  if (ednsUdpSize === void 0) return UDP_MIN_PAYLOAD;
  const cap = Math.max(UDP_MIN_PAYLOAD, serverUdpPayload);
  return Math.min(Math.max(UDP_MIN_PAYLOAD, ednsUdpSize), cap);
}
var OPT_BYTES = 11;
var SRV_TARGET_AT = 18;
var answerOffsets = new Int32Array(64);
function copy(record, to, at) {
  const n = record.length;
  if (n > 48) return to.set(record.body, at);
  const from = record.bytes;
  const start = record.at;
  for (let i = 0; i < n; i++) to[at + i] = from[start + i];
}
function encodeResponse(query, pq, rcode, res, limit, udpPayload) {
  const qEnd = pq.questionEnd;
  const optLen = pq.edns ? OPT_BYTES : 0;
  let size = qEnd + optLen;
  let tc = false;
  let answers = 0;
  let authority = 0;
  let additionals = 0;
  if (res) {
    let sections = 0;
    const list = res.answers;
    if (list.length > answerOffsets.length) answerOffsets = new Int32Array(list.length * 2);
    for (let i = 0; i < list.length; i++) {
      answerOffsets[i] = qEnd + sections;
      sections += 2 + list[i].length;
    }
    for (let i = 0; i < res.authority.length; i++) sections += 2 + res.authority[i].length;
    if (size + sections > limit) {
      tc = true;
    } else {
      size += sections;
      answers = res.answers.length;
      authority = res.authority.length;
      for (; additionals < res.additionals.length; additionals++) {
        const at = answerOffsets[res.additionalOwners[additionals]] + SRV_TARGET_AT;
        const owner = at < 16384 ? 2 : res.answers[res.additionalOwners[additionals]].length - 16;
        const len = owner + res.additionals[additionals].length;
        if (size + len > limit) break;
        size += len;
      }
    }
  }
  const out = allocateBytes(size);
  const flags = Flag.QR | pq.opcode << 11 | (res?.authoritative ? Flag.AA : 0) | (tc ? Flag.TC : 0) | pq.flags & (Flag.RD | Flag.CD) | rcode & 15;
  out[0] = pq.id >> 8;
  out[1] = pq.id & 255;
  out[2] = flags >> 8;
  out[3] = flags & 255;
  const arcount = additionals + (pq.edns ? 1 : 0);
  out[5] = qEnd > HEADER_BYTES ? 1 : 0;
  out[6] = answers >> 8;
  out[7] = answers & 255;
  out[9] = authority;
  out[10] = arcount >> 8;
  out[11] = arcount & 255;
  for (let i = HEADER_BYTES; i < qEnd; i++) out[i] = query[i];
  let off = qEnd;
  for (let i = 0; i < answers; i++) {
    const record = res.answers[i];
    out[off] = 192;
    out[off + 1] = HEADER_BYTES;
    copy(record, out, off + 2);
    off += 2 + record.length;
  }
  if (authority > 0) {
    const zoneLabels = res.zone?.labels ?? pq.questionLabels;
    const skip = pq.questionLabels - zoneLabels;
    const at = skip > 0 ? pq.labelOffsets[skip] : HEADER_BYTES;
    for (let i = 0; i < authority; i++) {
      const record = res.authority[i];
      out[off] = 192 | at >> 8;
      out[off + 1] = at & 255;
      copy(record, out, off + 2);
      off += 2 + record.length;
    }
  }
  for (let i = 0; i < additionals; i++) {
    const ownerIndex = res.additionalOwners[i];
    const at = answerOffsets[ownerIndex] + SRV_TARGET_AT;
    if (at < 16384) {
      out[off] = 192 | at >> 8;
      out[off + 1] = at & 255;
      off += 2;
    } else {
      const target = res.answers[ownerIndex].body.subarray(16);
      out.set(target, off);
      off += target.length;
    }
    const record = res.additionals[i];
    copy(record, out, off);
    off += record.length;
  }
  if (pq.edns) {
    out[off + 2] = RRType.OPT;
    out[off + 3] = udpPayload >> 8;
    out[off + 4] = udpPayload & 255;
    out[off + 5] = rcode >> 4;
    out[off + 7] = pq.dnssecOk ? EDNS_DO >> 8 : 0;
  }
  return out;
}
function skipName3(msg, off) {
  for (; ; ) {
    if (off >= msg.length) return -1;
    const len = msg[off];
    if (len === 0) return off + 1;
    if ((len & 192) === 192) return off + 2 <= msg.length ? off + 2 : -1;
    if (len & 192) return -1;
    off += 1 + len;
  }
}
function responseCacheTtl(msg) {
  if (msg.length < HEADER_BYTES) return void 0;
  const qd = msg[4] << 8 | msg[5];
  const an = msg[6] << 8 | msg[7];
  const ns = msg[8] << 8 | msg[9];
  let off = HEADER_BYTES;
  for (let i = 0; i < qd; i++) {
    off = skipName3(msg, off);
    if (off < 0) return void 0;
    off += 4;
  }
  const count2 = an > 0 ? an : ns;
  let min;
  for (let i = 0; i < count2; i++) {
    off = skipName3(msg, off);
    if (off < 0 || off + 10 > msg.length) return void 0;
    const type = msg[off] << 8 | msg[off + 1];
    let ttl = (msg[off + 4] << 24 | msg[off + 5] << 16 | msg[off + 6] << 8 | msg[off + 7]) >>> 0;
    const rdlength = msg[off + 8] << 8 | msg[off + 9];
    if (an === 0 && type === RRType.SOA) {
      const end = off + 10 + rdlength;
      if (end > msg.length || rdlength < 22) return void 0;
      const minimum = (msg[end - 4] << 24 | msg[end - 3] << 16 | msg[end - 2] << 8 | msg[end - 1]) >>> 0;
      if (minimum < ttl) ttl = minimum;
    }
    if (min === void 0 || ttl < min) min = ttl;
    off += 10 + rdlength;
  }
  return min;
}

// src/dns/resolver.ts
var nameFn = (value, fallback) => value === void 0 ? fallback : typeof value === "string" ? () => value : value;
function createResolver(view, options = {}) {
  const naming = {
    nameserver: nameFn(options.nameserver, DEFAULT_ZONE_NAMING.nameserver),
    hostmaster: nameFn(options.hostmaster, DEFAULT_ZONE_NAMING.hostmaster),
    defaultSoaTtl: options.defaultSoaTtl ?? DEFAULT_ZONE_NAMING.defaultSoaTtl
  };
  const cache = new RecordCache(naming);
  const random = options.random ?? Math.random;
  const udpPayload = options.udpPayloadSize ?? DEFAULT_UDP_PAYLOAD;
  const pq = emptyParsedQuery();
  const res = emptyResolution();
  const fullAny = options.anyResponse === "full";
  const ready = options.ready ?? (() => true);
  return {
    view,
    resolve(question) {
      if (!ready()) return { ...emptyResolution(), rcode: Rcode.SERVFAIL };
      return resolveInto(question, view, cache, random, emptyResolution(), fullAny);
    },
    handle(query, ctx) {
      if (!parseQuery(query, pq)) return null;
      const limit = responseSizeLimit(ctx.transport, pq.edns ? pq.ednsUdpSize : void 0, udpPayload);
      if (pq.error !== Rcode.NOERROR) return encodeResponse(query, pq, pq.error, void 0, limit, udpPayload);
      if (!ready()) return encodeResponse(query, pq, Rcode.SERVFAIL, void 0, limit, udpPayload);
      try {
        resolveInto(pq.question, view, cache, random, res, fullAny);
        return encodeResponse(query, pq, res.rcode, res, limit, udpPayload);
      } catch {
        return encodeResponse(query, pq, Rcode.SERVFAIL, void 0, limit, udpPayload);
      }
    }
  };
}

// src/dns/rrl.ts
var RrlAction = { send: 0, drop: 1, slip: 2 };
var PROBES = 8;
var ResponseRateLimiter = class {
  #hasher;
  #key = { a: 0, b: 0 };
  #rates;
  #slip;
  #window;
  #now;
  /** The clock read in this event-loop turn (see `#turnClock`). */
  #turnNow = 0;
  #turnFresh = false;
  #turnEnded = () => {
    this.#turnFresh = false;
  };
  #onLimited;
  #mask;
  #used;
  #keyA;
  #keyB;
  #balance;
  #stamp;
  #limited;
  /** @throws RangeError when a setting is out of range (negative rate, prefix length beyond the family's bits, …) */
  constructor(options) {
    const r = options.responsesPerSecond;
    const { nodataPerSecond = r, nxdomainsPerSecond = r, errorsPerSecond = r, slip = 2, windowSeconds = 15 } = options;
    const { ipv4PrefixLength = 24, ipv6PrefixLength = 56, tableSize = 65536 } = options;
    for (const [name, v] of [["responsesPerSecond", r], ["nodataPerSecond", nodataPerSecond], ["nxdomainsPerSecond", nxdomainsPerSecond], ["errorsPerSecond", errorsPerSecond]]) {
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`RRL ${name} must be a number of responses per second from 0, got ${v}`);
    }
    if (!Number.isInteger(slip) || slip < 0 || slip > 10) throw new RangeError(`RRL slip must be a whole number from 0 to 10, got ${slip}`);
    if (!(windowSeconds >= 1 && windowSeconds <= 3600)) throw new RangeError(`RRL window must be from 1 to 3600 seconds, got ${windowSeconds}`);
    if (!Number.isInteger(ipv4PrefixLength) || ipv4PrefixLength < 0 || ipv4PrefixLength > 32) throw new RangeError(`RRL IPv4 prefix length must be 0..32, got ${ipv4PrefixLength}`);
    if (!Number.isInteger(ipv6PrefixLength) || ipv6PrefixLength < 0 || ipv6PrefixLength > 128) throw new RangeError(`RRL IPv6 prefix length must be 0..128, got ${ipv6PrefixLength}`);
    if (!Number.isInteger(tableSize) || tableSize < 1 || tableSize > 1 << 24) throw new RangeError(`RRL table size must be 1..16777216 slots, got ${tableSize}`);
    this.#hasher = new AccountHasher(ipv4PrefixLength, ipv6PrefixLength, options.seed);
    this.#rates = Float64Array.of(r, nodataPerSecond, nxdomainsPerSecond, errorsPerSecond);
    this.#slip = slip;
    this.#window = windowSeconds;
    this.#now = options.now;
    this.#onLimited = options.onLimited;
    let size = PROBES;
    while (size < tableSize) size *= 2;
    this.#mask = size - 1;
    this.#used = new Uint8Array(size);
    this.#keyA = new Uint32Array(size);
    this.#keyB = new Uint32Array(size);
    this.#balance = new Float64Array(size);
    this.#stamp = new Float64Array(size);
    this.#limited = new Uint32Array(size);
  }
  /** Slots in the account table. */
  get tableSize() {
    return this.#mask + 1;
  }
  /**
   * Accounts one UDP response to `source` and says what to do with it.
   * @param source the client's IP literal (`peer.address` of node:dgram)
   * @param response the encoded response
   * @returns `RrlAction.send`, `drop`, or `slip` (send `truncatedResponse(response)` instead)
   */
  check(source, response) {
    const key = this.#key;
    const found = this.#hasher.key(source, response, key);
    if (found < 0) return RrlAction.send;
    const cls = found;
    const rate = this.#rates[cls];
    if (rate === 0) return RrlAction.send;
    const now = this.#now === void 0 ? this.#turnClock() : this.#now();
    const slot = this.#slot(key.a, key.b, now, rate);
    const balance = Math.max(-this.#window * rate, Math.min(rate, this.#balance[slot] + (now - this.#stamp[slot]) * rate / 1e3) - 1);
    this.#balance[slot] = balance;
    this.#stamp[slot] = now;
    if (balance >= 0) return RrlAction.send;
    const n = ++this.#limited[slot];
    const action = this.#slip !== 0 && n % this.#slip === 0 ? RrlAction.slip : RrlAction.drop;
    this.#onLimited?.(action, cls);
    return action;
  }
  /**
   * `performance.now()` read once per event-loop turn: Node hands a socket's
   * waiting datagrams (up to 32) to JavaScript in one turn, and microseconds
   * between them do not matter to a per-second rate. Costs one
   * `setImmediate` per turn instead of a clock read per response.
   */
  #turnClock() {
    if (!this.#turnFresh) {
      this.#turnNow = performance.now();
      this.#turnFresh = true;
      setImmediate(this.#turnEnded);
    }
    return this.#turnNow;
  }
  /** The slot of key (a, b): found, free, or the least recently used of the probed ones (reset to a full bucket). */
  #slot(a, b, now, rate) {
    const mask = this.#mask;
    let victim = -1;
    let oldest = Infinity;
    for (let i = 0, s = a & mask; i < PROBES; i++, s = s + 1 & mask) {
      if (this.#used[s] === 0) {
        victim = s;
        break;
      }
      if (this.#keyA[s] === a && this.#keyB[s] === b) return s;
      if (this.#stamp[s] < oldest) {
        oldest = this.#stamp[s];
        victim = s;
      }
    }
    this.#used[victim] = 1;
    this.#keyA[victim] = a;
    this.#keyB[victim] = b;
    this.#balance[victim] = rate;
    this.#stamp[victim] = now;
    this.#limited[victim] = 0;
    return victim;
  }
};
function truncatedResponse(response) {
  let end = 12;
  let qdcount = 0;
  if ((response[4] << 8 | response[5]) === 1) {
    let off = 12;
    for (; ; ) {
      const len = response[off];
      if (len === void 0 || len > 63) break;
      off += 1 + len;
      if (len === 0) {
        if (off + 4 <= response.length) end = off + 4, qdcount = 1;
        break;
      }
    }
  }
  const out = allocateBytes(end);
  out.set(response.subarray(0, end));
  out[2] = out[2] | 2;
  out[4] = 0;
  out[5] = qdcount;
  out.fill(0, 6, 12);
  return out;
}

// src/api/metrics.ts
import { Counter, Histogram } from "prom-client";
function registerApiMetrics(registry) {
  const requests = new Counter({
    name: metricName("api", "requests_total"),
    help: "Cloud Map API requests, by operation and outcome code (OK or the AWS error code).",
    labelNames: ["operation", "code"],
    registers: [registry]
  });
  const duration = new Histogram({
    name: metricName("api", "request_duration_seconds"),
    help: "Time to answer a Cloud Map API request, by operation (writes include the wait for this replica's DNS view).",
    labelNames: ["operation"],
    buckets: exponentialBuckets(25e-5, 2, 16),
    registers: [registry]
  });
  return (r) => {
    const operation = r.operation ?? "unknown";
    requests.inc({ operation, code: r.errorCode ?? "OK" });
    duration.observe({ operation }, r.ms / 1e3);
  };
}

// src/health/metrics.ts
import { Counter as Counter2, Gauge as Gauge2, Histogram as Histogram2 } from "prom-client";
function registerHealthMetrics(registry) {
  const checks = new Counter2({ name: metricName("health", "checks_total"), help: "Health checks run by this replica, by outcome.", labelNames: ["outcome"], registers: [registry] });
  const duration = new Histogram2({
    name: metricName("health", "check_duration_seconds"),
    help: "Time from the start of a health check to its outcome, by outcome.",
    labelNames: ["outcome"],
    buckets: exponentialBuckets(5e-4, 2, 16),
    registers: [registry]
  });
  const lag = new Histogram2({
    name: metricName("health", "check_lag_seconds"),
    help: "How late health checks start against their schedule.",
    buckets: exponentialBuckets(1e-3, 2, 16),
    registers: [registry]
  });
  const transitions = new Counter2({ name: metricName("health", "transitions_total"), help: "Health statuses written by the checker, by new status.", labelNames: ["to"], registers: [registry] });
  const writeFailures = new Counter2({ name: metricName("health", "write_failures_total"), help: "Health status changes that could not be written (retried after the next check).", registers: [registry] });
  const held = new Gauge2({ name: metricName("health", "shards_held"), help: "Lease shards of instances this replica checks.", registers: [registry] });
  const total = new Gauge2({ name: metricName("health", "shards"), help: "Lease shards the checked instances are split into.", registers: [registry] });
  return {
    checked: (r) => {
      checks.inc({ outcome: r.outcome });
      duration.observe({ outcome: r.outcome }, r.latencyMs / 1e3);
      lag.observe(Math.max(0, r.lagMs) / 1e3);
    },
    transitioned: (t) => transitions.inc({ to: t.to }),
    writeFailed: () => writeFailures.inc(),
    shardsChanged: (h, t) => {
      held.set(h);
      total.set(t);
    }
  };
}

// src/reconcile/metrics.ts
import { Counter as Counter3, Gauge as Gauge3, Histogram as Histogram3 } from "prom-client";
function registerReconcileMetrics(registry, now = Date.now) {
  const passes = new Counter3({ name: metricName("reconcile", "passes_total"), help: "Reconcile passes run by this replica, by result (ok, failed).", labelNames: ["result"], registers: [registry] });
  const duration = new Histogram3({
    name: metricName("reconcile", "pass_duration_seconds"),
    help: "Time of one reconcile pass over every target.",
    buckets: exponentialBuckets(1e-3, 2, 16),
    registers: [registry]
  });
  const changes = new Counter3({ name: metricName("reconcile", "changes_total"), help: "Creates, updates and deletes planned by each reconcile target (made unless in dry-run mode).", labelNames: ["target"], registers: [registry] });
  const conflicts = new Gauge3({ name: metricName("reconcile", "conflicts"), help: "Items each target left alone in its last pass because someone else owns them.", labelNames: ["target"], registers: [registry] });
  const errors2 = new Counter3({
    name: metricName("reconcile", "errors_total"),
    help: "Reconcile errors, by target and kind (target: the target failed; object: objects refused; state: Cloud Map state unreadable).",
    labelNames: ["target", "kind"],
    registers: [registry]
  });
  const lastSuccess = new Gauge3({
    name: metricName("reconcile", "last_success_timestamp_seconds"),
    help: "Unix time at the end of the last pass in which the target ran without failure.",
    labelNames: ["target"],
    registers: [registry]
  });
  const leader = new Gauge3({ name: metricName("reconcile", "leader"), help: "1 while this replica leads the reconcile loop, else 0.", registers: [registry] });
  return {
    passed: (results, ms, stateError) => {
      duration.observe(ms / 1e3);
      let failed = stateError !== void 0;
      if (stateError) errors2.inc({ target: "", kind: "state" });
      for (const r of results) {
        if (r.error) {
          failed = true;
          errors2.inc({ target: r.target, kind: "target" });
          continue;
        }
        const report = r.report;
        changes.inc({ target: r.target }, report.changes);
        conflicts.set({ target: r.target }, report.conflicts);
        if (report.failures > 0) {
          failed = true;
          errors2.inc({ target: r.target, kind: "object" }, report.failures);
        } else {
          lastSuccess.set({ target: r.target }, now() / 1e3);
        }
      }
      passes.inc({ result: failed ? "failed" : "ok" });
    },
    leadership: (leading) => leader.set(leading ? 1 : 0)
  };
}

// src/store/redis/metrics.ts
import { Gauge as Gauge4 } from "prom-client";
function registerRedisMetrics(registry, probe) {
  const revision = new Gauge4({
    name: metricName("redis", "revision"),
    help: "Latest store revision in Redis (head of the change stream), as last read; see cloudmap_dns_view_revision for the follower's position.",
    registers: [registry]
  });
  const duration = new Gauge4({
    name: metricName("redis", "read_duration_seconds"),
    help: "Round trip of the last read of the revision key (the readiness and scrape probe), in seconds.",
    registers: [registry]
  });
  new Gauge4({
    name: metricName("redis", "connected"),
    help: "1 when Redis answered the last read within the probe timeout (1 s), else 0.",
    registers: [registry],
    async collect() {
      const check2 = await probe.check();
      this.set(check2.ok ? 1 : 0);
      if (check2.ok) revision.set(check2.revision);
      duration.set(check2.ms / 1e3);
    }
  });
}

// src/view/metrics.ts
import { Counter as Counter4, Gauge as Gauge5, Histogram as Histogram4 } from "prom-client";
var GAP_KEYS = new Map(Object.entries(GAP_REASONS).map(([key, text2]) => [text2, key]));
function registerViewMetrics(registry, follower, probe, now = Date.now) {
  const view = follower.view;
  new Gauge5({
    name: metricName("view", "revision"),
    help: "Store revision the DNS view has applied (the follower's position in the change stream).",
    registers: [registry],
    collect() {
      this.set(view.revision);
    }
  });
  new Gauge5({
    name: metricName("view", "revision_lag"),
    help: "Revisions the DNS view is behind the state store's latest, read at scrape time; NaN while the store cannot be read.",
    registers: [registry],
    async collect() {
      const check2 = await probe.check();
      this.set(check2.ok ? Math.max(0, check2.revision - view.revision) : Number.NaN);
    }
  });
  new Gauge5({
    name: metricName("view", "objects"),
    help: "Objects held by the DNS view, by kind (namespaces, services, instances, zones).",
    labelNames: ["kind"],
    registers: [registry],
    collect() {
      let instances = 0;
      for (const s of view.services.values()) instances += s.instances.size;
      this.set({ kind: "namespaces" }, view.namespaces.size);
      this.set({ kind: "services" }, view.services.size);
      this.set({ kind: "instances" }, instances);
      this.set({ kind: "zones" }, view.zones.size);
    }
  });
  const programming = new Histogram4({
    name: metricName("view", "programming_duration_seconds"),
    help: "Time from an instance change being written (its updateDate) to this replica's DNS view applying it, by event type.",
    labelNames: ["event"],
    buckets: exponentialBuckets(5e-4, 2, 16),
    registers: [registry]
  });
  const events = new Counter4({ name: metricName("view", "events_total"), help: "Change events applied to the DNS view, by type.", labelNames: ["type"], registers: [registry] });
  const loads = new Counter4({ name: metricName("view", "loads_total"), help: "Full loads of the DNS view from a snapshot (start, reloads after a gap or an unconfirmed write).", registers: [registry] });
  const gaps = new Counter4({ name: metricName("view", "gaps_total"), help: "Change feed gaps that made the DNS view reload, by reason (trimmed, lost, epoch, undecodable, other).", labelNames: ["reason"], registers: [registry] });
  const feedErrors = new Counter4({ name: metricName("view", "feed_errors_total"), help: "Change feed failures (the follower retries and DNS answers from the last view).", registers: [registry] });
  const listener = {
    loaded: () => loads.inc(),
    applied: (applied) => {
      const at = now();
      for (const e of applied) {
        events.inc({ type: e.type });
        if (e.type === "InstanceUpserted") programming.observe({ event: e.type }, Math.max(0, at - e.instance.updateDate) / 1e3);
        else if (e.type === "InstanceHealthChanged") programming.observe({ event: e.type }, Math.max(0, at - e.updateDate) / 1e3);
      }
    },
    gap: (reason) => gaps.inc({ reason: (reason && GAP_KEYS.get(reason)) ?? "other" }),
    feedError: () => feedErrors.inc()
  };
  return follower.addListener(listener);
}

// src/metrics/server-metrics.ts
function createServerMetrics(o) {
  const registry = createRegistry(o);
  const dns = new DnsMetrics(registry);
  const stopView = registerViewMetrics(registry, o.follower, o.probe);
  if (o.store.kind === "redis") registerRedisMetrics(registry, o.probe);
  const onApiRequest = registerApiMetrics(registry);
  let health;
  let reconcile;
  return {
    registry,
    dns,
    onApiRequest,
    health: () => health ??= registerHealthMetrics(registry),
    reconcile: () => reconcile ??= registerReconcileMetrics(registry),
    close: stopView
  };
}

// src/readiness.ts
var StateProbe = class {
  #store;
  #timeoutMs;
  #maxAgeMs;
  #last;
  constructor(store, options = {}) {
    this.#store = store;
    this.#timeoutMs = options.timeoutMs ?? 1e3;
    this.#maxAgeMs = options.maxAgeMs ?? 1e3;
  }
  /** The latest check, reading the store again when the last one is older than `maxAgeMs`. Never rejects. */
  check() {
    const now = Date.now();
    if (this.#last && now - this.#last.at < this.#maxAgeMs) return this.#last.result;
    const result = this.#read();
    this.#last = { at: now, result };
    return result;
  }
  async #read() {
    const started = performance.now();
    let timer;
    try {
      const revision = await Promise.race([
        this.#store.revision(),
        new Promise((_, reject) => timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeoutMs} ms`)), this.#timeoutMs))
      ]);
      return { ok: true, revision, ms: performance.now() - started };
    } catch (error) {
      return { ok: false, error: error.message, ms: performance.now() - started };
    } finally {
      clearTimeout(timer);
    }
  }
};
async function readyz(sources, search) {
  const params = new URLSearchParams(search);
  const excluded = new Set(params.getAll("exclude"));
  const lines = [];
  let ready = true;
  const add = (name, failure) => {
    if (excluded.has(name)) {
      lines.push(`[+]${name} excluded: ok`);
      return;
    }
    if (failure !== void 0) ready = false;
    lines.push(failure === void 0 ? `[+]${name} ok` : `[-]${name} failed: ${failure}`);
  };
  add("view", sources.viewLoaded() ? void 0 : "the DNS view has not been loaded from the state store yet");
  if (sources.storeKind === "redis" && !excluded.has("redis")) {
    const check2 = await sources.probe.check();
    add("redis", check2.ok ? void 0 : `Redis does not answer: ${check2.error}`);
  } else if (sources.storeKind === "redis") {
    add("redis", void 0);
  }
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (ready && !params.has("verbose")) return new Response("ok\n", { status: 200, headers });
  lines.push(ready ? "readyz check passed" : "readyz check failed");
  return new Response(`${lines.join("\n")}
`, { status: ready ? 200 : 503, headers });
}

// src/health/target.ts
var DEFAULT_FAILURE_THRESHOLD = 3;
var HEALTH_SHARDS = 32;
function checkTarget(service, instance) {
  const hc = service.healthCheckConfig;
  if (!hc || service.healthCheckCustom === true) return void 0;
  const a = instance.attributes;
  if (a[ReservedAttributes.ALIAS_DNS_NAME]) return void 0;
  const threshold = hc.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  const path = hc.type === "TCP" ? "" : hc.resourcePath ? hc.resourcePath.startsWith("/") ? hc.resourcePath : `/${hc.resourcePath}` : "/";
  const host = a[ReservedAttributes.IPV4] || a[ReservedAttributes.IPV6] || "";
  const rawPort = a[ReservedAttributes.PORT];
  const port = rawPort ? Number(rawPort) : hc.type === "HTTP" ? 80 : hc.type === "HTTPS" ? 443 : 0;
  const shown = host.includes(":") ? `[${host}]` : host || "(no address)";
  const url = `${hc.type.toLowerCase()}://${shown}:${port}${path}`;
  const target = { type: hc.type, host, port, path, threshold, url };
  if (!host) target.problem = `instance has no ${ReservedAttributes.IPV4} or ${ReservedAttributes.IPV6} attribute to check`;
  else if (!(port > 0 && port <= 65535)) target.problem = `instance has no usable ${ReservedAttributes.PORT} for a ${hc.type} check`;
  return target;
}
function sameTarget(a, b) {
  return a.url === b.url && a.threshold === b.threshold && a.problem === b.problem;
}
function shardOf(serviceId, instanceId, shards = HEALTH_SHARDS) {
  let h = 2166136261;
  const text2 = `${serviceId}
${instanceId}`;
  for (let i = 0; i < text2.length; i++) {
    h ^= text2.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % shards;
}

// src/transport/doh.ts
import { Hono as Hono2 } from "hono";

// src/dns/json.ts
import dnsPacket from "dns-packet";
var PacketBuffer = dnsPacket.encode({ type: "query", questions: [] }).constructor;
function asPacketBuffer(bytes) {
  return bytes instanceof PacketBuffer ? bytes : PacketBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
var numberOfName = /* @__PURE__ */ new Map();
var nameOfNumber = /* @__PURE__ */ new Map();
function typeName(type) {
  let name = nameOfNumber.get(type);
  if (name === void 0) {
    const q = new Uint8Array([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, type >> 8, type & 255, 0, 1]);
    name = dnsPacket.decode(asPacketBuffer(q)).questions[0].type;
    nameOfNumber.set(type, name);
  }
  return name;
}
function typeNumber2(name) {
  let type = numberOfName.get(name);
  if (type === void 0) {
    const q = dnsPacket.encode({ type: "query", questions: [{ name: ".", type: name }] });
    type = q[13] << 8 | q[14];
    numberOfName.set(name, type);
  }
  return type;
}
function parseQueryType(value) {
  if (/^\d{1,5}$/.test(value)) {
    const n2 = Number(value);
    return n2 >= 1 && n2 <= 65535 ? n2 : void 0;
  }
  const upper = value.toUpperCase();
  const generic = /^TYPE(\d{1,5})$/.exec(upper);
  if (generic) return parseQueryType(generic[1]);
  if (!/^[A-Z][A-Z0-9]*$/.test(upper) || upper.startsWith("UNKNOWN")) return void 0;
  const n = typeNumber2(upper);
  return n > 0 ? n : void 0;
}
function buildQuery(name, type, options = {}) {
  if (!isEncodableName(name) || /^\.|\.\./.test(name)) throw new RangeError(`invalid DNS name: ${JSON.stringify(name)}`);
  const packet = dnsPacket.encode({
    type: "query",
    id: options.id ?? 0,
    flags: dnsPacket.RECURSION_DESIRED | (options.cd ? dnsPacket.CHECKING_DISABLED : 0),
    questions: [{ name: name === "" ? "." : name, type: typeName(type), class: "IN" }],
    additionals: options.dnssecOk ? [{ type: "OPT", name: ".", udpPayloadSize: 1232, flags: dnsPacket.DNSSEC_OK }] : []
  });
  return new Uint8Array(packet);
}
var fqdn = (name) => name === "." || name === "" ? "." : name.endsWith(".") ? name : `${name}.`;
function rdataText(rr) {
  const data = rr.data;
  switch (rr.type) {
    case "A":
    case "AAAA":
      return String(data);
    case "CNAME":
    case "NS":
    case "PTR":
      return fqdn(String(data));
    case "SRV": {
      const d = data;
      return `${d.priority ?? 0} ${d.weight ?? 0} ${d.port} ${fqdn(d.target)}`;
    }
    case "SOA": {
      const d = data;
      return `${fqdn(d.mname)} ${fqdn(d.rname)} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`;
    }
    default:
      return data instanceof Uint8Array ? `\\# ${data.length} ${[...data].map((b) => b.toString(16).padStart(2, "0")).join("")}` : String(data);
  }
}
function records(list) {
  const out = [];
  for (const rr of list ?? []) {
    if (rr.type === "OPT") continue;
    out.push({ name: fqdn(rr.name), type: typeNumber2(rr.type), TTL: rr.ttl ?? 0, data: rdataText(rr) });
  }
  return out;
}
function responseToJson(response) {
  const msg = dnsPacket.decode(asPacketBuffer(response));
  const flags = msg.flags ?? 0;
  const json = {
    Status: flags & 15,
    TC: (flags & Flag.TC) !== 0,
    RD: (flags & Flag.RD) !== 0,
    RA: (flags & Flag.RA) !== 0,
    AD: (flags & Flag.AD) !== 0,
    CD: (flags & Flag.CD) !== 0,
    Question: (msg.questions ?? []).map((q) => ({ name: fqdn(q.name), type: typeNumber2(q.type) }))
  };
  const opt = (msg.additionals ?? []).find((rr) => rr.type === "OPT");
  if (opt?.extendedRcode) json.Status |= opt.extendedRcode << 4;
  const answer2 = records(msg.answers);
  const authority = records(msg.authorities);
  const additional = records(msg.additionals);
  if (answer2.length) json.Answer = answer2;
  if (authority.length) json.Authority = authority;
  if (additional.length) json.Additional = additional;
  return json;
}

// src/transport/doh-core.ts
var DNS_MESSAGE = "application/dns-message";
var DNS_JSON = "application/dns-json";
var DOH_MAX_MESSAGE = 65535;
function decodeBase64Url(text2) {
  if (!/^[A-Za-z0-9_-]*$/.test(text2) || text2.length % 4 === 1) return void 0;
  const b64 = text2.replace(/-/g, "+").replace(/_/g, "/") + "==".slice(0, (4 - text2.length % 4) % 4);
  let binary;
  try {
    binary = atob(b64);
  } catch {
    return void 0;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
var utf8 = new TextEncoder();
function withLength(status, contentType, text2, headers = {}) {
  const body = utf8.encode(text2);
  return { status, headers: { "content-type": contentType, ...headers, "content-length": String(body.length) }, body };
}
var text = (status, message, headers = {}) => withLength(status, "text/plain; charset=utf-8", `${message}
`, headers);
var wantsJson = (accept) => accept !== void 0 && accept.toLowerCase().includes(DNS_JSON);
function answer(response, json) {
  const cache = `max-age=${responseCacheTtl(response) ?? 0}`;
  if (json) return withLength(200, DNS_JSON, JSON.stringify(responseToJson(response)), { "cache-control": cache });
  return { status: 200, headers: { "cache-control": cache, "content-type": DNS_MESSAGE, "content-length": String(response.length) }, body: response };
}
function run2(resolver, query, json) {
  const response = resolver.handle(query, { transport: "doh" });
  if (!response) return text(400, "not a DNS query");
  return answer(response, json);
}
var flag = (v) => v !== null && v !== "0" && v.toLowerCase() !== "false";
function dnsParam(search) {
  if (search.startsWith("dns=") && !search.includes("&") && !search.includes("%")) return search.slice(4);
  return void 0;
}
function answerDoh(resolver, req) {
  const method = req.method;
  if (method === "GET" || method === "HEAD") {
    let dns = dnsParam(req.search);
    const params = dns === void 0 ? new URLSearchParams(req.search) : void 0;
    if (params) dns = params.get("dns");
    if (dns !== null && dns !== void 0) {
      const query2 = decodeBase64Url(dns);
      if (!query2 || query2.length === 0) return text(400, "dns parameter must be base64url without padding");
      return run2(resolver, query2, wantsJson(req.accept));
    }
    const name = params.get("name");
    if (name === null) return text(400, "missing dns (or name) parameter");
    const type = parseQueryType(params.get("type") ?? "A");
    if (type === void 0) return text(400, "invalid type parameter");
    let query;
    try {
      query = buildQuery(name, type, { cd: flag(params.get("cd")), dnssecOk: flag(params.get("do")) });
    } catch {
      return text(400, "invalid name parameter");
    }
    return run2(resolver, query, params.get("ct") !== DNS_MESSAGE);
  }
  if (method === "POST") {
    const contentType = (req.contentType ?? "").split(";")[0].trim().toLowerCase();
    if (contentType !== DNS_MESSAGE) return text(415, `content-type must be ${DNS_MESSAGE}`);
    if (req.body === "too-large") return text(413, `DNS message over ${DOH_MAX_MESSAGE} bytes`);
    return run2(resolver, req.body ?? new Uint8Array(0), wantsJson(req.accept));
  }
  return text(405, "method not allowed", { allow: "GET, HEAD, POST" });
}

// src/transport/doh.ts
async function readBody2(body, max) {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks = [];
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      await reader.cancel().catch(() => {
      });
      return "too-large";
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
function dohRoutes(resolver, options = {}) {
  const path = options.path ?? "/dns-query";
  const app = new Hono2();
  app.all(path, async (c) => {
    const raw = c.req.raw;
    const url = raw.url;
    const q = url.indexOf("?");
    const req = {
      method: raw.method,
      search: q < 0 ? "" : url.slice(q + 1),
      contentType: raw.headers.get("content-type") ?? void 0,
      accept: raw.headers.get("accept") ?? void 0
    };
    if (req.method === "POST" && (req.contentType ?? "").split(";")[0].trim().toLowerCase() === "application/dns-message") {
      const declared = raw.headers.get("content-length");
      if (declared !== null && Number(declared) > DOH_MAX_MESSAGE) req.body = "too-large";
      else {
        try {
          req.body = await readBody2(raw.body, DOH_MAX_MESSAGE);
        } catch {
          return new Response("could not read the request body\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
        }
      }
    }
    const res = answerDoh(resolver, req);
    return new Response(req.method === "HEAD" ? null : res.body, { status: res.status, headers: res.headers });
  });
  return app;
}

// src/health/heap.ts
var MinHeap = class {
  #items = [];
  get size() {
    return this.#items.length;
  }
  /** The entry due first, without removing it. */
  peek() {
    return this.#items[0];
  }
  push(item) {
    const a = this.#items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = i - 1 >> 1;
      if (a[parent].due <= item.due) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = item;
  }
  /** Removes and returns the entry due first. */
  pop() {
    const a = this.#items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === void 0) return top;
    let i = 0;
    for (; ; ) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const child = r < a.length && a[r].due < a[l].due ? r : l;
      if (a[child].due >= last.due) break;
      a[i] = a[child];
      i = child;
    }
    a[i] = last;
    return top;
  }
  clear() {
    this.#items.length = 0;
  }
};

// src/health/thresholds.ts
function countOutcome(counters, status, ok, threshold) {
  if (ok) {
    counters.successes++;
    counters.failures = 0;
    return counters.successes >= threshold && status !== "HEALTHY" ? "HEALTHY" : void 0;
  }
  counters.failures++;
  counters.successes = 0;
  return counters.failures >= threshold && status !== "UNHEALTHY" ? "UNHEALTHY" : void 0;
}

// src/health/tracker.ts
var Tracker = class {
  constructor(hooks, shards) {
    this.hooks = hooks;
    this.shards = shards;
  }
  hooks;
  shards;
  /** serviceId → instanceId → tracked instance. */
  services = /* @__PURE__ */ new Map();
  #count = 0;
  /** Number of tracked instances. */
  get size() {
    return this.#count;
  }
  get(serviceId, instanceId) {
    return this.services.get(serviceId)?.get(instanceId);
  }
  /** Every tracked instance. */
  *all() {
    for (const m of this.services.values()) yield* m.values();
  }
  /** Brings everything in line with `view` (after a load); counters of unchanged targets stay. */
  sync(view) {
    const seen = /* @__PURE__ */ new Set();
    for (const entry of view.services.values()) {
      for (const inst of entry.instances.values()) {
        const t = this.#upsert(entry.service, inst, false);
        if (t) seen.add(t);
      }
    }
    for (const t of [...this.all()]) if (!seen.has(t)) this.#remove(t, view.services.has(t.serviceId) ? "not-checked" : "deregistered");
  }
  /** Applies a batch of change events that `view` has already applied. */
  apply(events, view) {
    for (const e of events) {
      switch (e.type) {
        case "ServiceUpserted": {
          const entry = view.services.get(e.service.id);
          if (!entry) break;
          for (const inst of entry.instances.values()) this.#upsert(entry.service, inst, false);
          for (const t of [...this.services.get(e.service.id)?.values() ?? []]) {
            if (!entry.instances.has(t.instanceId)) this.#remove(t, "deregistered");
          }
          break;
        }
        case "ServiceDeleted":
          for (const t of [...this.services.get(e.serviceId)?.values() ?? []]) this.#remove(t, "deregistered");
          break;
        case "InstanceUpserted": {
          const entry = view.services.get(e.instance.serviceId);
          if (entry) this.#upsert(entry.service, e.instance, true);
          break;
        }
        case "InstanceDeleted": {
          const t = this.get(e.serviceId, e.instanceId);
          if (t) this.#remove(t, "deregistered");
          break;
        }
        case "InstanceHealthChanged": {
          const t = this.get(e.serviceId, e.instanceId);
          if (t) t.status = e.healthStatus;
          break;
        }
        default:
          break;
      }
    }
  }
  /** Adds, updates or (when it gets no check) removes one instance. */
  #upsert(service, instance, registered) {
    const target = checkTarget(service, instance);
    const existing = this.get(service.id, instance.id);
    if (!target) {
      if (existing) this.#remove(existing, "not-checked");
      return void 0;
    }
    if (existing) {
      existing.status = instance.healthStatus;
      if (registered || !sameTarget(existing.target, target)) {
        existing.target = target;
        existing.successes = existing.failures = 0;
        existing.generation++;
        this.hooks.onChanged(existing);
      }
      return existing;
    }
    const t = {
      serviceId: service.id,
      instanceId: instance.id,
      shard: shardOf(service.id, instance.id, this.shards),
      target,
      status: instance.healthStatus,
      successes: 0,
      failures: 0,
      generation: 0,
      scheduled: false,
      running: false,
      writing: false,
      removed: false
    };
    let m = this.services.get(service.id);
    if (!m) this.services.set(service.id, m = /* @__PURE__ */ new Map());
    m.set(instance.id, t);
    this.#count++;
    this.hooks.onAdded(t);
    return t;
  }
  #remove(t, reason) {
    const m = this.services.get(t.serviceId);
    if (!m?.delete(t.instanceId)) return;
    if (m.size === 0) this.services.delete(t.serviceId);
    this.#count--;
    t.removed = true;
    t.generation++;
    this.hooks.onRemoved(t, reason);
  }
};

// src/health/writer.ts
async function writeStatus(d, t, to, reason) {
  t.writing = true;
  const from = t.status;
  const fields = { serviceId: t.serviceId, instanceId: t.instanceId };
  try {
    if (!d.holds(t.shard)) return;
    const result = await setInstanceHealth(d.ops, { ...fields, status: to, reason, ifExists: true });
    if (result.outcome !== "changed") return;
    const name = d.serviceName(t.serviceId);
    d.logger.info(
      { ...fields, service: name, from, to, reason, target: t.target.url },
      `instance ${t.instanceId} of service ${name ?? t.serviceId}: ${from} \u2192 ${to} (${reason})`
    );
    d.observer?.transitioned?.({ ...fields, from, to, reason, time: Date.now() });
  } catch (error) {
    const message = error.message;
    d.logger.warn({ ...fields, to, err: message }, "could not write a health status change; retrying after the next check");
    d.observer?.writeFailed?.({ ...fields, to, error: message });
  } finally {
    t.writing = false;
  }
}

// src/health/checker.ts
var ALL_SHARDS = { holds: () => true };
var HealthChecker = class {
  tracker;
  #o;
  #heap = new MinHeap();
  #writes = /* @__PURE__ */ new Set();
  #last = /* @__PURE__ */ new Map();
  #timer;
  #timerDue = Infinity;
  #running = 0;
  #stopped = false;
  #hadTargets = false;
  #view;
  #holdsAny = false;
  #writer;
  constructor(options) {
    this.#o = {
      ownership: ALL_SHARDS,
      intervalMs: 3e4,
      concurrency: 64,
      shards: HEALTH_SHARDS,
      checkedBy: "local",
      logger: silentLogger,
      random: Math.random,
      ...options
    };
    this.#writer = {
      ops: this.#o.ops,
      holds: (shard) => this.#o.ownership.holds(shard),
      logger: this.#o.logger,
      observer: this.#o.observer,
      serviceName: (id) => this.#view?.services.get(id)?.service.name
    };
    this.tracker = new Tracker({
      onAdded: (t) => this.#schedule(t),
      onChanged: (t) => {
        t.scheduled = false;
        this.#last.delete(t);
        this.#schedule(t);
      },
      onRemoved: (t, reason) => {
        t.scheduled = false;
        if (this.#last.delete(t)) this.#o.observer?.forgotten?.(t.serviceId, t.instanceId, reason);
      }
    }, this.#o.shards);
  }
  /** Checks in flight now. */
  get running() {
    return this.#running;
  }
  /** Takes every target from `view` (after a load or at start). */
  loaded(view) {
    this.#view = view;
    this.#guard(() => this.tracker.sync(view));
  }
  /** Follows a batch of change events the view has applied. */
  applied(events, view) {
    this.#view = view;
    this.#guard(() => this.tracker.apply(events, view));
  }
  /**
   * The shards this replica holds changed: schedule what it now holds, drop
   * what it lost. The first shards a replica gets spread their first checks
   * over a whole interval; shards taken over later (from a replica that
   * died or left) over half of one, so a takeover completes within
   * `lease TTL + renew period + interval / 2`.
   */
  ownershipChanged() {
    const spread = this.#holdsAny ? this.#o.intervalMs / 2 : this.#o.intervalMs;
    for (const t of this.tracker.all()) {
      const holds = this.#o.ownership.holds(t.shard);
      if (holds) this.#holdsAny = true;
      if (holds && !t.scheduled) this.#schedule(t, spread);
      else if (!holds && t.scheduled) {
        t.scheduled = false;
        t.generation++;
        if (this.#last.delete(t)) this.#o.observer?.forgotten?.(t.serviceId, t.instanceId, "shard-moved");
      }
    }
    this.#arm();
  }
  /** The last check of each instance this replica checks (what `cloudmap-dns inspect` shows with memory state). */
  lastChecks(serviceId) {
    return [...this.#last.values()].filter((r) => serviceId === void 0 || r.serviceId === serviceId);
  }
  /** Stops scheduling; waits (at most `waitMs`) for status writes in flight. Checks in flight are abandoned. */
  async stop(waitMs = 2e3) {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#heap.clear();
    let timer;
    await Promise.race([Promise.allSettled([...this.#writes]), new Promise((r) => timer = setTimeout(r, waitMs))]);
    clearTimeout(timer);
  }
  #guard(update) {
    try {
      update();
    } catch (error) {
      this.#o.logger.error({ err: error.message, stack: error.stack }, "health checker could not follow a view change");
    }
    const has = this.tracker.size > 0;
    if (has !== this.#hadTargets) {
      this.#hadTargets = has;
      this.#o.onDemand?.(this.tracker.size);
    }
    this.#arm();
  }
  /** Schedules the first check of `t` at a random point of the next `spreadMs` (default: one interval), if its shard is held. */
  #schedule(t, spreadMs = this.#o.intervalMs) {
    if (this.#stopped || t.removed || t.scheduled || !this.#o.ownership.holds(t.shard)) return;
    t.scheduled = true;
    t.generation++;
    this.#heap.push({ due: performance.now() + this.#o.random() * spreadMs, t, generation: t.generation });
  }
  /** Starts every due check that fits under the concurrency limit, then sets the timer for the next one. */
  #pump() {
    if (this.#stopped) return;
    const now = performance.now();
    while (this.#running < this.#o.concurrency) {
      const slot = this.#heap.peek();
      if (!slot) break;
      if (slot.generation !== slot.t.generation || !slot.t.scheduled) {
        this.#heap.pop();
        continue;
      }
      if (slot.due > now) break;
      this.#heap.pop();
      void this.#check(slot, now);
    }
    this.#arm();
  }
  #arm() {
    if (this.#stopped) return;
    const next = this.#running < this.#o.concurrency ? this.#heap.peek()?.due ?? Infinity : Infinity;
    if (next === this.#timerDue) return;
    clearTimeout(this.#timer);
    this.#timerDue = next;
    if (next !== Infinity) {
      this.#timer = setTimeout(() => {
        this.#timerDue = Infinity;
        this.#pump();
      }, Math.max(0, next - performance.now()));
    }
  }
  async #check(slot, startedAt) {
    const { t, generation } = slot;
    this.#running++;
    t.running = true;
    const time = Date.now();
    const result = await this.#o.probe(t.target);
    this.#running--;
    t.running = false;
    if (this.#stopped) return;
    if (t.generation === generation && this.#o.ownership.holds(t.shard)) {
      const to = countOutcome(t, t.status, result.ok, t.target.threshold);
      const report = {
        serviceId: t.serviceId,
        instanceId: t.instanceId,
        target: t.target.url,
        time,
        outcome: result.ok ? "success" : "failure",
        latencyMs: Math.round(result.latencyMs * 1e3) / 1e3,
        detail: result.detail,
        lagMs: Math.round((startedAt - slot.due) * 1e3) / 1e3,
        consecutiveSuccesses: t.successes,
        consecutiveFailures: t.failures,
        checkedBy: this.#o.checkedBy
      };
      this.#last.set(t, report);
      this.#o.observer?.checked?.(report);
      if (to && !t.writing) {
        const n = result.ok ? t.successes : t.failures;
        const what = result.ok ? n === 1 ? "success" : "successes" : n === 1 ? "failure" : "failures";
        const reason = `${n} consecutive ${what}, last: ${result.detail} from ${t.target.url}`;
        this.#track(writeStatus(this.#writer, t, to, reason));
      }
      slot.due = Math.max(slot.due + this.#o.intervalMs, performance.now());
      this.#heap.push(slot);
    } else if (t.generation === generation) {
      t.scheduled = false;
      t.generation++;
    }
    this.#pump();
  }
  #track(write) {
    this.#writes.add(write);
    void write.finally(() => this.#writes.delete(write));
  }
};

// src/health/observer.ts
function observers(...list) {
  const all = list.filter((o) => o !== void 0);
  return {
    checked: (r) => all.forEach((o) => o.checked?.(r)),
    transitioned: (t) => all.forEach((o) => o.transitioned?.(t)),
    writeFailed: (f) => all.forEach((o) => o.writeFailed?.(f)),
    forgotten: (s, i, why) => all.forEach((o) => o.forgotten?.(s, i, why)),
    shardsChanged: (h, t) => all.forEach((o) => o.shardsChanged?.(h, t))
  };
}

// src/health/probe.ts
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect } from "node:net";
var ROUTE53_TIMEOUTS = { connectMs: 4e3, responseMs: 2e3, tcpConnectMs: 1e4 };
var USER_AGENT = "cloudmap-dns-health-check";
function createProbe(timeouts = ROUTE53_TIMEOUTS) {
  return (target) => {
    if (target.problem) return Promise.resolve({ ok: false, latencyMs: 0, detail: target.problem });
    return target.type === "TCP" ? tcpProbe(target, timeouts) : httpProbe(target, timeouts);
  };
}
var seconds = (ms) => `${ms / 1e3} s`;
function describeError(error) {
  const known = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    EPIPE: "connection closed",
    ETIMEDOUT: "timed out"
  };
  if (error.code && known[error.code]) return `${known[error.code]} (${error.code})`;
  return error.code ? `${error.message} (${error.code})` : error.message;
}
function tcpProbe(target, t) {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    const finish = (ok, detail) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok, latencyMs: performance.now() - started, detail });
    };
    const timer = setTimeout(() => finish(false, `no connection within ${seconds(t.tcpConnectMs)}`), t.tcpConnectMs);
    socket.once("connect", () => finish(true, "connected"));
    socket.once("error", (error) => finish(false, describeError(error)));
  });
}
function httpProbe(target, t) {
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    let timer;
    const options = {
      host: target.host,
      port: target.port,
      path: target.path,
      method: "GET",
      agent: false,
      headers: { "user-agent": USER_AGENT, accept: "*/*", connection: "close" }
    };
    const req = target.type === "HTTPS" ? httpsRequest({ ...options, rejectUnauthorized: false }) : httpRequest(options);
    const finish = (ok, detail) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ ok, latencyMs: performance.now() - started, detail });
    };
    timer = setTimeout(() => finish(false, `no connection within ${seconds(t.connectMs)}`), t.connectMs);
    req.once("socket", (socket) => {
      const connected = () => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(false, `no HTTP status within ${seconds(t.responseMs)} of connecting`), t.responseMs);
      };
      if (socket.readyState === "open") connected();
      else socket.once("connect", connected);
    });
    req.once("response", (res) => {
      const status = res.statusCode ?? 0;
      res.destroy();
      finish(status >= 200 && status < 400, `HTTP ${status}`);
    });
    req.once("error", (error) => finish(false, describeError(error)));
    req.end();
  });
}

// src/health/role.ts
function startHealthRole(o) {
  const intervalMs = o.intervalMs ?? 3e4;
  const logger = withRole(o.logger);
  const probe = o.probe ?? createProbe();
  if (!o.redis) {
    const checker2 = new HealthChecker({ ops: o.ops, probe, ownership: ALL_SHARDS, intervalMs, concurrency: o.concurrency ?? 64, logger, observer: o.observer });
    const stopFollowing2 = follow(o.follower, checker2);
    logger.info({ intervalMs, concurrency: o.concurrency ?? 64, state: "memory" }, "health checks: this process checks every instance");
    return {
      checker: checker2,
      inspector: checkerInspector(checker2),
      holder: "local",
      close: async () => {
        stopFollowing2();
        await checker2.stop();
      }
    };
  }
  const connectTimeoutMs = o.redis.connectTimeoutMs ?? 3e3;
  const target = o.redis.target ?? targetFromUrl(o.redis.url ?? "redis://127.0.0.1:6379");
  const redis = createRedisClient(target, { ...commandConnectionOptions({ connectTimeoutMs, commandTimeoutMs: 3e3 }), connectionName: "cloudmap-health" });
  redis.on("error", () => {
  });
  const keys = new RedisKeys(o.redis.prefix);
  const holder = holderId();
  const results = new RedisCheckResults({
    redis,
    keys,
    retentionMs: Math.max(3 * intervalMs, 6e4),
    onError: (error) => logger.debug({ err: error.message }, "could not store last health checks")
  });
  let checker;
  let failing;
  const ttlMs = Math.max(Math.round(0.75 * intervalMs), 200);
  const leases = new ShardLeases({
    redis,
    keys,
    group: HEALTH_LEASE_GROUP,
    holder,
    shards: HEALTH_SHARDS,
    ttlMs,
    onChange: (held) => {
      const fields = { holder, shards: held.size, of: HEALTH_SHARDS };
      if (held.size === 0 && failing) logger.warn({ ...fields, err: failing }, "health checks: leases ran out while Redis is unreachable; this replica writes no health until it holds them again");
      else logger.info(fields, `health checks: this replica checks ${held.size} of ${HEALTH_SHARDS} shards`);
      o.observer?.shardsChanged?.(held.size, HEALTH_SHARDS);
      checker?.ownershipChanged();
    },
    onError: (error) => {
      if (!failing) logger.warn({ holder, err: error.message }, "health checks: cannot renew leases; retrying");
      failing = error.message;
    },
    onRenewed: () => {
      if (!failing) return;
      logger.info({ holder }, "health checks: Redis answers again; leases renewed");
      failing = void 0;
    }
  });
  let membership = Promise.resolve();
  const join = (tracked) => {
    membership = membership.then(() => tracked > 0 ? leases.start() : leases.stop()).catch(() => {
    });
  };
  checker = new HealthChecker({
    ops: o.ops,
    probe,
    ownership: leases,
    intervalMs,
    concurrency: o.concurrency ?? 64,
    checkedBy: holder,
    logger,
    observer: observers(results, o.observer),
    onDemand: join
  });
  const stopFollowing = follow(o.follower, checker);
  logger.info(
    { intervalMs, concurrency: o.concurrency ?? 64, state: "redis", holder, leaseTtlMs: ttlMs, shards: HEALTH_SHARDS },
    "health checks: sharing the instances with the other replicas through leases in Redis"
  );
  return {
    checker,
    inspector: redisHealthInspector(redis, keys),
    holder,
    close: async () => {
      stopFollowing();
      await checker.stop();
      await membership;
      await leases.stop();
      await results.close();
      redis.disconnect();
    }
  };
}
function follow(follower, checker) {
  const remove = follower.addListener({ loaded: (view) => checker.loaded(view), applied: (events, view) => checker.applied(events, view) });
  checker.loaded(follower.view);
  return remove;
}
function withRole(logger) {
  const wrap = (level) => (obj, msg) => {
    if (typeof obj === "string") logger[level]({ role: "health" }, obj);
    else logger[level]({ role: "health", ...obj }, msg);
  };
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn"), error: wrap("error") };
}

// src/view/recent-events.ts
function eventKey(event) {
  switch (event.type) {
    case "NamespaceUpserted":
      return `${event.type} ${event.namespace.id}`;
    case "NamespaceDeleted":
      return `${event.type} ${event.namespaceId}`;
    case "ServiceUpserted":
      return `${event.type} ${event.service.id}`;
    case "ServiceDeleted":
      return `${event.type} ${event.serviceId}`;
    case "InstanceUpserted":
      return `${event.type} ${event.instance.serviceId}/${event.instance.id}`;
    case "InstanceHealthChanged":
      return `${event.type} ${event.serviceId}/${event.instanceId} ${event.healthStatus}`;
    case "InstanceDeleted":
      return `${event.type} ${event.serviceId}/${event.instanceId}`;
    default:
      return event.type;
  }
}
var RecentEvents = class {
  /** @param size how many revisions to remember @default 4096 */
  constructor(size = 4096) {
    this.size = size;
    this.#revisions = new Float64Array(size).fill(-1);
    this.#keys = new Array(size);
  }
  size;
  #revisions;
  #keys;
  /** Remembers `event` at its revision. */
  add(event) {
    const slot = event.revision % this.size;
    this.#revisions[slot] = event.revision;
    this.#keys[slot] = eventKey(event);
  }
  /** The key remembered for `revision`, or undefined (never seen, or overwritten since). */
  get(revision) {
    const slot = revision % this.size;
    return this.#revisions[slot] === revision ? this.#keys[slot] : void 0;
  }
  /** Forgets everything (the view was reloaded from a snapshot). */
  clear() {
    this.#revisions.fill(-1);
    this.#keys.fill(void 0);
  }
};
function isChangeEvent(value) {
  return typeof value === "object" && value !== null && typeof value.type === "string" && typeof value.revision === "number";
}
function recordingWrites(store, record) {
  return new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args) => {
        const result = value.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then((resolved) => {
          if (isChangeEvent(resolved)) record(resolved);
          return resolved;
        });
      };
    }
  });
}

// src/view/follower.ts
var OWN_EVENTS_KEPT = 4096;
var ViewFollower = class {
  view;
  #store;
  #logger;
  #retryDelayMs;
  #onApplied;
  #loadOptions;
  #subscription;
  #stopped = false;
  #waiters = [];
  #reloading;
  /** Events the view applied from the feed since its last load. */
  #applied = new RecentEvents();
  /** Events this process's writes committed (through `trackWrites`). */
  #committed = new RecentEvents();
  /** The change events of this process's writes that the view may not have applied yet, by revision (see `confirm`). */
  #own = /* @__PURE__ */ new Map();
  #listeners = /* @__PURE__ */ new Set();
  #loaded = false;
  constructor(store, view = new View(), options = {}) {
    this.#store = store;
    this.view = view;
    this.#logger = options.logger ?? silentLogger;
    this.#retryDelayMs = options.retryDelayMs ?? 500;
    this.#onApplied = options.onApplied;
    this.#loadOptions = { ...options.loadSliceMs !== void 0 && { sliceMs: options.loadSliceMs }, ...options.onLoadSlice && { onSlice: options.onLoadSlice } };
  }
  /**
   * `store` with the change event of every write remembered, so `confirm`
   * can tell the write's event from another one at the same revision. Give
   * this to the API instead of `store`.
   */
  trackWrites(store) {
    return recordingWrites(store, (event) => {
      this.#committed.add(event);
      if (event.revision > this.view.revision && this.#own.size < OWN_EVENTS_KEPT) this.#own.set(event.revision, event);
    });
  }
  /**
   * True once the view holds a whole snapshot (after the first load; stays
   * true through reloads, which build the new view beside the old one).
   * Until then DNS answers SERVFAIL and `/readyz` fails.
   */
  get loaded() {
    return this.#loaded;
  }
  /**
   * Resolves true once the view is loaded (at once when it is), or false
   * after `timeoutMs` milliseconds or when the follower stops first.
   */
  async whenLoaded(timeoutMs) {
    if (this.#loaded) return true;
    if (this.#stopped) return false;
    let timer;
    const loaded = await Promise.race([
      this.#reload().then(() => this.#loaded, () => false),
      new Promise((resolve) => timer = setTimeout(() => resolve(false), timeoutMs))
    ]);
    clearTimeout(timer);
    return loaded;
  }
  /**
   * Load the first snapshot (retrying until the store answers) and start
   * following. Resolves once the view holds the state.
   */
  async start() {
    await this.#reload();
  }
  /**
   * Adds a listener; it hears every load and batch of events from now on
   * (the view may already hold state: read it first).
   * @returns a function that removes the listener
   */
  addListener(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  /** Stop following; the view keeps its last state. */
  async stop() {
    this.#stopped = true;
    await this.#subscription?.close();
    this.#subscription = void 0;
    for (const w of this.#waiters) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.#waiters = [];
  }
  /**
   * Resolves once the view has applied `revision` (e.g. the revision a write
   * returned), so a caller can read its own writes from the view; or after
   * `timeoutMs` milliseconds, whichever comes first (the write itself is
   * already durable; a feed cut off by an outage must not hang the caller).
   * @returns true when the revision was applied, false on timeout or stop
   */
  waitFor(revision, timeoutMs = Number.POSITIVE_INFINITY) {
    if (this.view.revision >= revision) return Promise.resolve(true);
    if (this.#stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter = { revision, resolve };
      this.#waiters.push(waiter);
      if (Number.isFinite(timeoutMs)) {
        waiter.timer = setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs);
      }
    });
  }
  /**
   * For a write that just committed `revision`: resolves once the view holds
   * it. When the view applied another event at that revision (see
   * `trackWrites`: the store's history changed under the view), or the
   * revision does not arrive within `timeoutMs` milliseconds, the view
   * reloads first (waiting at most `timeoutMs` more).
   * @throws ServiceUnavailable (503, retryable) when the view still cannot
   *   confirm the write: the change is saved, but DNS may not show it yet
   */
  async confirm(revision, timeoutMs) {
    this.#applyOwn();
    if (await this.waitFor(revision, timeoutMs)) {
      const mine = this.#committed.get(revision);
      const applied = this.#applied.get(revision);
      if (mine === void 0 || applied === void 0 || mine === applied) return;
      this.#logger.warn({ revision, write: mine, applied }, "the view holds another event at this write's revision (Redis data was reset or replaced); reloading the view");
    } else {
      this.#logger.warn({ revision, viewRevision: this.view.revision, timeoutMs }, "write committed but not in this process's view in time; reloading the view");
    }
    if (await this.resync(timeoutMs) && this.view.revision >= revision) return;
    throw errors.unavailable(`The change was saved (revision ${revision}) but this server's DNS view could not confirm it within ${2 * timeoutMs} ms; it will appear once the state store is reachable. Read it back before retrying a create.`);
  }
  /**
   * Reloads the view from a fresh snapshot now (joining a reload already
   * under way), waiting at most `timeoutMs` milliseconds.
   * @returns true when a reload completed in time
   */
  async resync(timeoutMs) {
    if (this.#stopped) return false;
    let timer;
    const done = await Promise.race([
      this.#reload().then(() => !this.#stopped),
      new Promise((resolve) => timer = setTimeout(() => resolve(false), timeoutMs))
    ]);
    clearTimeout(timer);
    return done;
  }
  /** Closes the subscription, loads a snapshot (retrying) and subscribes again; callers during a load join it. */
  #reload() {
    this.#reloading ??= this.#load();
    return this.#reloading;
  }
  async #load() {
    while (!this.#stopped) {
      try {
        await this.#subscription?.close();
        this.#subscription = void 0;
        const started = performance.now();
        const snapshot = this.#store.snapshotInBatches ? await this.#store.snapshotInBatches() : await this.#store.snapshot();
        if (this.#stopped) return;
        const instances = await this.view.loadInSlices(snapshot, this.#loadOptions);
        if (this.#stopped) return;
        this.#loaded = true;
        this.#applied.clear();
        this.#own.clear();
        this.#reloading = void 0;
        for (const l of this.#listeners) l.loaded?.(this.view);
        this.#logger.info({
          revision: snapshot.revision,
          namespaces: snapshot.namespaces.length,
          services: snapshot.services.length,
          instances,
          loadMs: Math.round(performance.now() - started)
        }, "view loaded");
        this.#subscription = this.#store.subscribe(snapshot.revision, {
          onEvents: (events) => this.#apply(events),
          onGap: (reason) => {
            for (const l of this.#listeners) l.gap?.(reason);
            this.#logger.warn({ revision: this.view.revision, reason: reason ?? "the change feed cannot continue from the view's position" }, "reloading the view");
            void this.#reload();
          },
          onError: (error) => {
            for (const l of this.#listeners) l.feedError?.(error);
            this.#logger.warn({ err: error.message }, "change stream unavailable; serving last view");
          }
        });
        this.#release();
        return;
      } catch (error) {
        this.#logger.warn({ err: error.message }, "could not load the view; retrying");
        await new Promise((r) => setTimeout(r, this.#retryDelayMs));
      }
    }
  }
  /**
   * Applies this process's own write events that directly follow the view's
   * revision, without waiting for the change feed to bring them back: the
   * store returned them as committed at those revisions, so they are what
   * the feed will deliver there (the feed's copies are then skipped). With
   * a write of another replica in between, the view waits for the feed as
   * before. Not while a snapshot loads (the new view starts from the
   * snapshot's revision and the feed brings the rest).
   */
  #applyOwn() {
    if (this.#reloading !== void 0 || this.#subscription === void 0) return;
    const own = [];
    for (let next = this.view.revision + 1, event = this.#own.get(next); event !== void 0; event = this.#own.get(++next)) own.push(event);
    if (own.length > 0) this.#apply(own);
  }
  #apply(delivered) {
    const events = delivered.length > 0 && delivered[0].revision > this.view.revision ? delivered : delivered.filter((e) => e.revision > this.view.revision);
    if (events.length === 0) return;
    for (const event of events) {
      this.view.apply(event);
      this.#applied.add(event);
    }
    for (const revision of this.#own.keys()) if (revision <= this.view.revision) this.#own.delete(revision);
    for (const l of this.#listeners) l.applied?.(events, this.view);
    this.#onApplied?.(this.view.revision);
    this.#release();
  }
  #release() {
    if (this.#waiters.length === 0) return;
    const revision = this.view.revision;
    const pending = [];
    for (const w of this.#waiters) {
      if (w.revision <= revision) {
        clearTimeout(w.timer);
        w.resolve(true);
      } else pending.push(w);
    }
    this.#waiters = pending;
  }
};

// src/server.ts
var WRITE_VISIBILITY_WAIT_MS = 2e3;
var VIEW_LOAD_WAIT_MS = 5e3;
function startHealth(config, store, follower, logger, metrics) {
  const redisTarget = redisTargetOf(config);
  const observer = metrics.health();
  if (store.kind !== "redis") observer.shardsChanged?.(HEALTH_SHARDS, HEALTH_SHARDS);
  return startHealthRole({
    observer,
    follower,
    ops: {
      store: follower.trackWrites(store),
      region: config.region,
      accountId: config.accountId,
      awsStrict: config.awsStrict,
      awaitRevision: (revision) => follower.confirm(revision, WRITE_VISIBILITY_WAIT_MS)
    },
    intervalMs: config.healthCheckIntervalMs,
    concurrency: config.healthCheckConcurrency,
    logger,
    ...store.kind === "redis" && redisTarget && { redis: { target: redisTarget, prefix: config.redisPrefix } }
  });
}
function createHttpApp(options) {
  const { store, follower, resolver, config, logger, metrics } = options;
  const readiness = options.readiness ?? { storeKind: store.kind, probe: new StateProbe(store), viewLoaded: () => follower.loaded };
  const app = new Hono3();
  app.get("/healthz", (c) => c.text("ok\n"));
  app.get("/readyz", (c) => readyz(readiness, new URL(c.req.url).search.slice(1)));
  app.post("/", async (c, next) => {
    if (follower.loaded || await follower.whenLoaded(VIEW_LOAD_WAIT_MS)) return next();
    return errorResponse(errors.unavailable("This server is still loading its view of the state store; retry shortly."), crypto.randomUUID());
  });
  if (metrics) app.get("/metrics", () => metricsResponse(metrics.registry));
  app.route("/", dohRoutes(resolver));
  app.route(
    "/",
    createApiApp({
      store: follower.trackWrites(store),
      view: follower.view,
      region: config.region,
      accountId: config.accountId,
      ...config.auth === "sigv4" && config.credentials && { verifySignature: createSigV4Verifier({ credentials: config.credentials }) },
      awaitRevision: (revision) => follower.confirm(revision, WRITE_VISIBILITY_WAIT_MS),
      awsStrict: config.awsStrict,
      logger,
      ...metrics && { onRequest: metrics.onApiRequest }
    })
  );
  return app;
}
var PROTOCOLS = {
  http: "Cloud Map API (awsJson1_1), DoH /dns-query; HTTP/1.1 + h2c",
  https: "Cloud Map API (awsJson1_1), DoH /dns-query; TLS with ALPN h2 + http/1.1",
  dns: "DNS over UDP and TCP",
  grpc: "CoreDNS gRPC coredns.dns.DnsService/Query; h2c"
};
var SCHEME = { http: "http", https: "https", dns: "dns", grpc: "grpc" };
function startListener(l, runtime, app, resolver, logger, rrl) {
  const base = { host: l.host, port: l.port, logger, maxConnections: l.maxConnections };
  const doh = (request) => answerDoh(resolver, request);
  switch (l.kind) {
    case "http":
      return runtime.startHttpServer({ ...base, fetch: app.fetch, doh });
    case "https":
      return runtime.startHttpServer({ ...base, fetch: app.fetch, doh, tls: l.tls });
    case "dns":
      return runtime.startDnsServer({ ...base, resolver, ...l.idleTimeoutMs !== void 0 && { tcpIdleTimeoutMs: l.idleTimeoutMs }, ...rrl && { rrl } });
    case "grpc":
      return runtime.startGrpcServer({ ...base, resolver, ...l.tls && { tls: l.tls } });
  }
}
async function serve(config, store, runtime, logger) {
  const follower = new ViewFollower(store, void 0, { logger });
  const probe = new StateProbe(store);
  const metrics = createServerMetrics({ store, follower, probe });
  const loading = follower.start();
  const resolver = instrumentResolver(createResolver(follower.view, { anyResponse: config.anyResponse, ready: () => follower.loaded }), { metrics: metrics.dns, logger });
  const app = createHttpApp({ store, follower, resolver, config, logger, metrics, readiness: { storeKind: store.kind, probe, viewLoaded: () => follower.loaded } });
  const listeners = [];
  const started = [];
  try {
    for (const l of config.listeners) {
      const rrl = l.kind === "dns" && config.rrl ? new ResponseRateLimiter({ ...config.rrl, onLimited: metrics.dns.recordRrl }) : void 0;
      const listener = await startListener(l, runtime, app, resolver, logger, rrl);
      listeners.push(listener);
      started.push({ kind: l.kind, address: l.host, port: listener.port });
      const protocols = l.kind !== "grpc" || !l.tls ? PROTOCOLS[l.kind] : `${PROTOCOLS.grpc.replace("; h2c", "")}; ${l.tls.required ? "TLS (ALPN h2) only" : "h2c and TLS (ALPN h2)"}`;
      logger.info({ listener: l.kind, protocols, address: l.host, port: listener.port, state: store.kind, ...rrl && { rrl: config.rrl } }, `listening on ${SCHEME[l.kind]}://${l.host}:${listener.port}`);
    }
    await loading;
    const health = config.healthChecks ? startHealth(config, store, follower, logger, metrics) : void 0;
    return {
      httpPort: started.find((l) => l.kind === "http")?.port ?? 0,
      dnsPort: started.find((l) => l.kind === "dns")?.port ?? 0,
      listeners: started,
      store,
      view: follower.view,
      ...health && { health },
      metrics,
      close: async () => {
        await Promise.allSettled(listeners.map((l) => l.close()));
        await health?.close();
        metrics.close();
        await follower.stop();
        await store.close();
      }
    };
  } catch (error) {
    await Promise.allSettled(listeners.map((l) => l.close()));
    metrics.close();
    await follower.stop();
    throw error;
  }
}

// src/reconcile/command.ts
function addReconcileCommand(program, deps) {
  const cmd = program.command("reconcile").description("mirror Cloud Map state into Route 53, Kubernetes and a CoreDNS Corefile ConfigMap; register annotated Pods");
  addReconcileOptions(cmd).option("--redis-url <url>", "Redis state (default: $REDIS_URL; unset = read state through --endpoint)").option("--redis-prefix <prefix>", "prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)").option("--region <region>", "region of ARNs and of REGION attributes (default: $AWS_REGION or us-east-1)").option("--account-id <id>", "12-digit account id (default: $CLOUDMAP_ACCOUNT_ID or 123456789012)").option("--log-level <level>", "log level (default: $LOG_LEVEL or info)").action(async (flags) => {
    const { runReconcile } = await import("./wiring-74KC44OL.js");
    await runReconcile(flags, deps);
  });
}
async function startEmbeddedReconciler(flags, env, store, serve2, logger, observer) {
  if (!flags.reconcile) return void 0;
  const { createEmbeddedReconciler } = await import("./wiring-74KC44OL.js");
  return createEmbeddedReconciler(flags, env, store, serve2, logger, observer);
}
function addServeReconcileOptions(serve2) {
  serve2.option("--reconcile", "also run the reconcile loop inside this process (providers: --reconcile-providers, default route53)");
  addReconcileOptions(serve2, true);
}

// src/cli.ts
async function main(argv, deps) {
  const writeErr = deps.writeErr ?? ((text2) => console.error(text2.trimEnd()));
  const program = new Command("cloudmap-dns").description("AWS Cloud Map compatible control plane answered in DNS").exitOverride().configureOutput({ writeErr, outputError: (text2, write) => write(text2) });
  const serveCommand = program.command("serve").description("run the Cloud Map API, DNS-over-HTTPS and plain DNS listeners").option("--host <address>", "address every listener binds", "127.0.0.1").option("--http-port <port>", "Cloud Map API and DoH port (HTTP/1.1 and h2c)", "8053").option("--dns-port <port>", "plain DNS port (UDP and TCP)", "1053").option("--grpc-port <port>", "CoreDNS grpc plugin port (coredns.dns.DnsService); 0 = off", "8054").option("--https-port <port>", "Cloud Map API and DoH over TLS (ALPN h2, http/1.1); needs --tls-cert/--tls-key; 0 = off", "0").option("--tls-cert <file>", "TLS certificate chain (PEM) for HTTPS, and for gRPC when given").option("--tls-key <file>", "TLS private key (PEM)").option("--grpc-tls", "accept only TLS on the gRPC port (default: cleartext h2c, plus TLS when --tls-cert is given)").option("--max-connections <n>", "most open TCP connections per listener; more are closed at once", "1000").option("--tcp-idle-timeout <seconds>", "close DNS-over-TCP connections idle this long (RFC 7766)", "10").option("--any-response <mode>", "answer QTYPE ANY with one RRset (minimal, RFC 8482) or every RRset (full)", "minimal").option("--redis-prefix <prefix>", "prefix of every Redis key (default: $CLOUDMAP_REDIS_PREFIX or cloudmap:)").option("--redis-connect-timeout <seconds>", "give up starting when Redis does not answer within this time (default: $CLOUDMAP_REDIS_CONNECT_TIMEOUT or 10)").option("--region <region>", "region in ARNs when a request has no SigV4 scope (default: $AWS_REGION or us-east-1)").option("--account-id <id>", "12-digit account id (default: $CLOUDMAP_ACCOUNT_ID or 123456789012)").option("--log-level <level>", "log level: trace, debug, info, warn, error, fatal or silent (default: $LOG_LEVEL or info)").option("--auth <mode>", "API authentication: open (any credentials, the default) or sigv4 (verify signatures; needs --credentials) (default: $CLOUDMAP_AUTH or open)").option("--credentials <file>", 'access key ids and secrets for --auth sigv4: "KEY SECRET" per line, or an AWS credentials file (default: $CLOUDMAP_CREDENTIALS_FILE)').option("--health-check-interval <seconds>", "time between two health checks of one instance (default: $CLOUDMAP_HEALTH_CHECK_INTERVAL or 30, as Route 53)").option("--health-check-concurrency <n>", "most health checks in flight at once", "64").option("--no-health-checks", "do not run the health role (active checks of services with HealthCheckConfig) in this process").option("--aws-strict", "refuse documented extensions with AWS's errors (e.g. HealthCheckConfig in private DNS namespaces)");
  for (const [flags, description] of REDIS_OPTIONS) serveCommand.option(flags, description);
  for (const [flags, description] of RRL_OPTIONS) serveCommand.option(flags, description);
  serveCommand.action((flags) => run3(flags, true));
  const healthCommand = program.command("health").description("run only the health role: active HTTP/HTTPS/TCP checks of services with HealthCheckConfig, no listeners");
  const healthFlags = [...REDIS_OPTIONS.map(([flags]) => flags.split(" ")[0]), "--redis-prefix", "--redis-connect-timeout", "--region", "--account-id", "--log-level", "--health-check-interval", "--health-check-concurrency"];
  for (const option of serveCommand.options) if (healthFlags.includes(option.long ?? "")) healthCommand.addOption(option);
  healthCommand.action((flags) => run3({ ...flags, healthChecks: true }, false));
  async function run3(flags, listeners) {
    const resolved = resolveServeConfig(flags, deps.env);
    const config = listeners ? resolved : { ...resolved, listeners: [], auth: "open" };
    if (config.auth === "sigv4") {
      if (!deps.readFile) throw new Error("--auth sigv4: this runtime cannot read files");
      const credentials = parseCredentials(deps.readFile(config.credentialsFile));
      if (credentials.size === 0) throw new Error(`--credentials ${config.credentialsFile} holds no access key`);
      config.credentials = credentials;
    }
    const logger = createLogger(config.logLevel);
    const state = config.redis ? { state: "redis", redis: describeRedisTarget(config.redis) } : { state: "memory" };
    const auth = !listeners ? { role: "health" } : config.auth === "sigv4" ? { auth: "sigv4", accessKeys: config.credentials.size } : { auth: "open: API signatures are not verified, any or no credentials are accepted (--auth sigv4 to verify)" };
    logger.info({ ...deps.about, ...state, ...auth }, "cloudmap-dns starting");
    const store = await openStore(config, logger);
    const inFlight = new InFlight();
    try {
      const server = await serve(config, store, countingRuntime(deps.runtime, inFlight), logger);
      const observer = flags.reconcile ? server.metrics.reconcile() : void 0;
      const reconciler = await startEmbeddedReconciler(flags, deps.env, store, config, logger, observer).catch(async (error) => {
        await server.close();
        throw error;
      });
      if (reconciler) {
        const closeServer2 = server.close;
        server.close = async () => (await reconciler.stop(), await closeServer2());
      }
      deps.onServing?.(server, { logger, inFlight });
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  addServeReconcileOptions(serveCommand);
  addInspectCommand(program, { env: deps.env, ...deps.onRunning && { onRunning: deps.onRunning } });
  addCorefileCommand(program, { env: deps.env, ...deps.readFile && { readFile: deps.readFile } });
  let exit = 0;
  addReconcileCommand(program, {
    env: deps.env,
    setExitCode: (code2) => exit = code2,
    // The loop runs until a signal: the runtime stops it as it stops `serve`.
    onRunning: (handle, logger) => deps.onServing?.({ close: handle.stop }, { logger, inFlight: new InFlight() })
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    writeErr(`cloudmap-dns: ${error.message}
`);
    return 1;
  }
}

// src/runtime/node/dns-server.ts
import dgram from "node:dgram";
import { lookup } from "node:dns/promises";
import net from "node:net";

// src/transport/udp-tcp.ts
var TCP_MAX_MESSAGE = 65535;
function frameTcpMessage(message) {
  if (message.length > TCP_MAX_MESSAGE) throw new RangeError(`DNS message of ${message.length} bytes exceeds ${TCP_MAX_MESSAGE}`);
  const out = allocateBytes(message.length + 2);
  out[0] = message.length >> 8;
  out[1] = message.length & 255;
  out.set(message, 2);
  return out;
}
var TcpMessageReader = class {
  constructor(onMessage) {
    this.onMessage = onMessage;
  }
  onMessage;
  /** Bytes of the current incomplete frame (prefix included). */
  #pending = new Uint8Array(0);
  #pendingLength = 0;
  /** Bytes held for an incomplete message (0 between messages). */
  get bufferedBytes() {
    return this.#pendingLength;
  }
  /** Feed the next chunk of the stream. */
  push(chunk) {
    let off = 0;
    if (this.#pendingLength > 0) {
      off = this.#fill(chunk);
      if (off < 0) return;
    }
    while (chunk.length - off >= 2) {
      const len = chunk[off] << 8 | chunk[off + 1];
      if (chunk.length - off - 2 < len) break;
      this.onMessage(chunk.subarray(off + 2, off + 2 + len));
      off += 2 + len;
    }
    if (off < chunk.length) this.#hold(chunk.subarray(off));
  }
  /** Append to the pending frame; returns the offset in `chunk` after a completed frame, or -1 if still incomplete. */
  #fill(chunk) {
    let used = 0;
    if (this.#pendingLength < 2) {
      used = Math.min(2 - this.#pendingLength, chunk.length);
      this.#append(chunk.subarray(0, used));
      if (this.#pendingLength < 2) return -1;
    }
    const total = 2 + (this.#pending[0] << 8 | this.#pending[1]);
    const take = Math.min(total - this.#pendingLength, chunk.length - used);
    this.#append(chunk.subarray(used, used + take));
    used += take;
    if (this.#pendingLength < total) return -1;
    const message = this.#pending.slice(2, total);
    this.#pendingLength = 0;
    this.onMessage(message);
    return used;
  }
  #hold(bytes) {
    this.#pendingLength = 0;
    this.#append(bytes);
  }
  #append(bytes) {
    const need = this.#pendingLength + bytes.length;
    if (need > this.#pending.length) {
      const grown = new Uint8Array(Math.min(TCP_MAX_MESSAGE + 2, Math.max(need, 512, this.#pending.length * 2)));
      grown.set(this.#pending.subarray(0, this.#pendingLength));
      this.#pending = grown;
    }
    this.#pending.set(bytes, this.#pendingLength);
    this.#pendingLength = need;
  }
};
var UDP = { transport: "udp" };
function udpAnswerer(resolver, rrl) {
  if (!rrl) return (datagram) => resolver.handle(datagram, UDP);
  return (datagram, source) => {
    const response = resolver.handle(datagram, UDP);
    if (response === null) return null;
    const action = rrl.check(source, response);
    return action === RrlAction.send ? response : action === RrlAction.drop ? null : truncatedResponse(response);
  };
}
function createTcpSession(resolver, write) {
  let answered = 0;
  const reader = new TcpMessageReader((message) => {
    const response = resolver.handle(message, { transport: "tcp" });
    if (!response) return;
    answered++;
    write(frameTcpMessage(response));
  });
  return {
    push: (chunk) => reader.push(chunk),
    get answered() {
      return answered;
    },
    get pendingBytes() {
      return reader.bufferedBytes;
    }
  };
}

// src/runtime/node/deadlines.ts
var Deadlines = class {
  /**
   * @param timeoutMs how long after `arm` a key expires, in milliseconds
   * @param onExpire called once for each key that expires (after it is removed)
   * @param sweepMs how often expiry is checked; keys expire up to this late
   *   @default min(1000, timeoutMs / 4), at least 10
   */
  constructor(timeoutMs, onExpire, sweepMs = Math.max(10, Math.min(1e3, timeoutMs / 4))) {
    this.timeoutMs = timeoutMs;
    this.onExpire = onExpire;
    this.#timer = setInterval(() => this.sweep(Date.now()), sweepMs);
    this.#timer.unref?.();
  }
  timeoutMs;
  onExpire;
  /** Insertion-ordered, so deadlines are ascending: a sweep stops at the first live one. */
  #due = /* @__PURE__ */ new Map();
  #timer;
  /** Number of keys armed. */
  get size() {
    return this.#due.size;
  }
  /** (Re)start the key's deadline from now. */
  arm(key) {
    this.#due.delete(key);
    this.#due.set(key, Date.now() + this.timeoutMs);
  }
  /** Start the key's deadline unless it is already armed. */
  armOnce(key) {
    if (!this.#due.has(key)) this.#due.set(key, Date.now() + this.timeoutMs);
  }
  /** Stop tracking the key. */
  disarm(key) {
    this.#due.delete(key);
  }
  /** Expire every key due at or before `now` (epoch milliseconds). */
  sweep(now) {
    for (const [key, due] of this.#due) {
      if (due > now) break;
      this.#due.delete(key);
      this.onExpire(key);
    }
  }
  /** Stop the timer; nothing expires any more. */
  close() {
    clearInterval(this.#timer);
    this.#due.clear();
  }
};
var BulkDeadlines = class {
  /**
   * @param timeoutMs shortest life before an unfinished item expires, in milliseconds
   * @param isDone true when the item finished (it is then dropped)
   * @param onExpire called once for each item that expires
   * @param sweepMs how often held items are walked, in milliseconds
   *   @default min(50, timeoutMs / 4), at least 5
   */
  constructor(timeoutMs, isDone, onExpire, sweepMs = Math.max(5, Math.min(50, timeoutMs / 4))) {
    this.timeoutMs = timeoutMs;
    this.isDone = isDone;
    this.onExpire = onExpire;
    this.sweepMs = sweepMs;
  }
  timeoutMs;
  isDone;
  onExpire;
  sweepMs;
  #keys = [];
  #due = [];
  #timer;
  #closed = false;
  /** Items held now (finished ones included until the next sweep). */
  get size() {
    return this.#keys.length;
  }
  /** Start watching `key`; it expires `timeoutMs` from now unless done. */
  add(key) {
    if (this.#closed) return;
    this.#keys.push(key);
    this.#due.push(Date.now() + this.timeoutMs);
    if (!this.#timer) this.#schedule();
  }
  #schedule() {
    this.#timer = setTimeout(() => {
      this.#timer = void 0;
      this.sweep(Date.now());
      if (this.#keys.length > 0 && !this.#closed) this.#schedule();
    }, this.sweepMs);
    this.#timer.unref?.();
  }
  /** Drop finished items and expire unfinished ones due at or before `now` (epoch milliseconds). */
  sweep(now) {
    const keys = this.#keys;
    const due = this.#due;
    const expired = [];
    let kept = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (this.isDone(key)) continue;
      if (due[i] <= now) {
        expired.push(key);
        continue;
      }
      keys[kept] = key;
      due[kept] = due[i];
      kept++;
    }
    keys.length = kept;
    due.length = kept;
    for (const key of expired) this.onExpire(key);
  }
  /** Stop the timer and forget every item; later `add`s are ignored. */
  close() {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = void 0;
    this.#keys = [];
    this.#due = [];
  }
};

// src/runtime/node/dns-server.ts
var PORT_ATTEMPTS = 20;
var errorCode = (e) => e?.code;
function listenTcp(server, port, address2) {
  return new Promise((resolve, reject) => {
    const onError = (e) => reject(e);
    server.once("error", onError);
    server.listen({ port, host: address2, exclusive: true }, () => {
      server.off("error", onError);
      resolve(server.address().port);
    });
  });
}
function bindUdp(socket, port, address2) {
  return new Promise((resolve, reject) => {
    const onError = (e) => reject(e);
    socket.once("error", onError);
    socket.bind({ port, address: address2, exclusive: true }, () => {
      socket.off("error", onError);
      resolve();
    });
  });
}
var closeTcp = (server) => new Promise((resolve) => server.close(() => resolve()));
var closeUdp = (socket) => new Promise((resolve) => {
  try {
    socket.close(() => resolve());
  } catch {
    resolve();
  }
});
async function startDnsServer(options) {
  const { resolver, logger, tcpIdleTimeoutMs = 1e4, tcpMaxPendingBytes = 1 << 20, maxConnections = 1e3 } = options;
  const address2 = net.isIP(options.host) ? options.host : (await lookup(options.host)).address;
  const udpType = net.isIPv6(address2) ? "udp6" : "udp4";
  const answerUdp = udpAnswerer(resolver, options.rrl);
  const connections = /* @__PURE__ */ new Set();
  const partial = new Deadlines(tcpIdleTimeoutMs, (socket) => socket.destroy());
  const onConnection = (socket) => {
    connections.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(tcpIdleTimeoutMs, () => socket.destroy());
    const session = createTcpSession(resolver, (framed) => {
      if (!socket.destroyed) socket.write(framed);
    });
    socket.on("data", (chunk) => {
      try {
        session.push(chunk);
        if (session.pendingBytes > 0) partial.armOnce(socket);
        else partial.disarm(socket);
      } catch (e) {
        logger.warn({ err: e, peer: socket.remoteAddress }, "dns tcp: closing connection after error");
        socket.destroy();
        return;
      }
      if (socket.writableLength > tcpMaxPendingBytes) {
        socket.pause();
        socket.once("drain", () => socket.resume());
      }
    });
    socket.on("error", (e) => logger.debug({ err: e, peer: socket.remoteAddress }, "dns tcp: connection error"));
    socket.on("close", () => {
      connections.delete(socket);
      partial.disarm(socket);
    });
  };
  const onDatagram = (udp) => (msg, peer) => {
    let response;
    try {
      response = answerUdp(msg, peer.address);
    } catch (e) {
      logger.warn({ err: e, peer: peer.address }, "dns udp: could not answer");
      return;
    }
    if (!response) return;
    udp.send(response, peer.port, peer.address);
  };
  const literalLookup = (host, family, callback) => {
    if (net.isIP(host)) callback(null, host, net.isIPv6(host) ? 6 : 4);
    else lookup(host).then((r) => callback(null, r.address, r.family), (e) => callback(e, "", 0));
  };
  const attempts = options.port === 0 ? PORT_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt++) {
    const tcp = net.createServer(onConnection);
    tcp.maxConnections = maxConnections;
    const port = await listenTcp(tcp, options.port, address2);
    const udp = dgram.createSocket({ type: udpType, reuseAddr: false, recvBufferSize: options.udpReceiveBufferBytes ?? 4 << 20, lookup: literalLookup });
    try {
      await bindUdp(udp, port, address2);
    } catch (e) {
      await Promise.all([closeTcp(tcp), closeUdp(udp)]);
      if (errorCode(e) === "EADDRINUSE" && attempt < attempts) continue;
      partial.close();
      throw e;
    }
    udp.on("message", onDatagram(udp));
    udp.on("error", (e) => {
      if (e.syscall === "send") logger.debug({ err: e }, "dns udp: send failed");
      else logger.error({ err: e }, "dns udp: socket error");
    });
    tcp.on("error", (e) => logger.error({ err: e }, "dns tcp: server error"));
    let closing;
    return {
      port,
      address: address2,
      close() {
        closing ??= (async () => {
          partial.close();
          const tcpClosed = closeTcp(tcp);
          for (const socket of connections) socket.destroy();
          await Promise.all([tcpClosed, closeUdp(udp)]);
        })();
        return closing;
      }
    };
  }
}

// src/runtime/node/grpc-server.ts
import http2 from "node:http2";
import net2 from "node:net";

// src/transport/grpc.ts
var GRPC_QUERY_PATH = "/coredns.dns.DnsService/Query";
var GRPC_MAX_MESSAGE = 65535 + 4;
var GrpcStatus = {
  OK: 0,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13
};
function encodeDnsPacket(msg, out) {
  const lenBytes = msg.length < 128 ? 1 : msg.length < 16384 ? 2 : 3;
  const size = 1 + lenBytes + msg.length;
  const buf = out && out.length >= size ? out.subarray(0, size) : new Uint8Array(size);
  buf[0] = 10;
  let n = msg.length;
  let i = 1;
  while (n >= 128) {
    buf[i++] = n & 127 | 128;
    n >>>= 7;
  }
  buf[i++] = n;
  buf.set(msg, i);
  return buf;
}
function decodeDnsPacket(bytes) {
  let msg = bytes.subarray(0, 0);
  let off = 0;
  const varint = () => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (off >= bytes.length) return void 0;
      const b = bytes[off++];
      value += (b & 127) * 2 ** shift;
      if ((b & 128) === 0) return value;
    }
    return void 0;
  };
  while (off < bytes.length) {
    const key = varint();
    if (key === void 0) return void 0;
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (field === 0) return void 0;
    if (wire === 0) {
      if (varint() === void 0) return void 0;
    } else if (wire === 1 || wire === 5) {
      off += wire === 1 ? 8 : 4;
      if (off > bytes.length) return void 0;
    } else if (wire === 2) {
      const len = varint();
      if (len === void 0 || off + len > bytes.length) return void 0;
      if (field === 1) msg = bytes.subarray(off, off + len);
      off += len;
    } else {
      return void 0;
    }
  }
  return msg;
}
function frameDnsPacket(msg) {
  const lenBytes = msg.length < 128 ? 1 : msg.length < 16384 ? 2 : 3;
  const size = 1 + lenBytes + msg.length;
  const out = allocateBytes(5 + size);
  out[1] = size >>> 24;
  out[2] = size >>> 16 & 255;
  out[3] = size >>> 8 & 255;
  out[4] = size & 255;
  encodeDnsPacket(msg, out.subarray(5));
  return out;
}
function unframeGrpcRequest(body) {
  if (body.length < 5) return { status: GrpcStatus.INTERNAL, error: "request has no complete message" };
  const length = (body[1] << 24 | body[2] << 16 | body[3] << 8 | body[4]) >>> 0;
  if (length > GRPC_MAX_MESSAGE) return { status: GrpcStatus.RESOURCE_EXHAUSTED, error: `message of ${length} bytes exceeds ${GRPC_MAX_MESSAGE}` };
  if (body[0] !== 0) return { status: GrpcStatus.UNIMPLEMENTED, error: "compressed messages are not supported (grpc-accept-encoding: identity)" };
  if (5 + length > body.length) return { status: GrpcStatus.INTERNAL, error: "request message is truncated" };
  if (5 + length < body.length) return { status: GrpcStatus.INTERNAL, error: "unary request has more than one message" };
  return { message: body.subarray(5) };
}
function answerGrpc(resolver, body) {
  const unframed = unframeGrpcRequest(body);
  if ("status" in unframed) return unframed;
  const query = decodeDnsPacket(unframed.message);
  if (!query) return { status: GrpcStatus.INTERNAL, error: "request is not a valid DnsPacket" };
  const response = resolver.handle(query, { transport: "grpc" });
  if (!response) return { status: GrpcStatus.INVALID_ARGUMENT, error: "DnsPacket.msg is not a DNS query" };
  return { status: 0, message: frameDnsPacket(response) };
}

// src/runtime/node/listen.ts
import { readFileSync } from "node:fs";
function readTlsFiles(files) {
  const read = (path, what) => {
    try {
      return readFileSync(path);
    } catch (e) {
      throw new Error(`cannot read TLS ${what} ${path}: ${e.message}`);
    }
  };
  return { cert: read(files.certFile, "certificate"), key: read(files.keyFile, "key") };
}
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (e) => reject(e);
    server.once("error", onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off("error", onError);
      resolve(server.address().port);
    });
  });
}
function closeServer(server) {
  return new Promise((resolve) => server.close(() => resolve()));
}
function sniff(socket, classify, onProtocol, deadlineMs, onError) {
  const chunks = [];
  let length = 0;
  const timer = setTimeout(() => socket.destroy(), deadlineMs);
  const onData = (chunk) => {
    chunks.push(chunk);
    length += chunk.length;
    const head = chunks.length === 1 ? chunk : Buffer.concat(chunks, length);
    const protocol = classify(head);
    if (protocol === void 0) return;
    clearTimeout(timer);
    socket.off("data", onData);
    socket.off("error", onError);
    socket.off("close", onClose);
    socket.pause();
    socket.unshift(head);
    onProtocol(socket, protocol);
  };
  const onClose = () => clearTimeout(timer);
  socket.on("error", onError);
  socket.on("close", onClose);
  socket.on("data", onData);
}

// src/runtime/node/grpc-server.ts
var TLS_HANDSHAKE = 22;
var grpcMessage = (text2) => text2.replace(/[^\x20-\x24\x26-\x7e]/g, (c) => encodeURIComponent(c));
function fail(stream, status, message) {
  if (stream.destroyed || stream.headersSent) return;
  stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": String(status), "grpc-message": grpcMessage(message) }, { endStream: true });
}
var OK_HEADERS = { ":status": 200, "content-type": "application/grpc" };
var OK_TRAILERS = { "grpc-status": "0" };
var RESPOND_OPTIONS = { waitForTrailers: true };
function onStream(resolver, stream, headers) {
  const contentType = headers["content-type"];
  if (typeof contentType !== "string" || !contentType.startsWith("application/grpc")) {
    stream.respond({ ":status": 415, "content-type": "text/plain" });
    stream.end("content-type must be application/grpc\n");
    return;
  }
  if (headers[":method"] !== "POST" || headers[":path"] !== GRPC_QUERY_PATH) {
    fail(stream, GrpcStatus.UNIMPLEMENTED, `unknown method ${headers[":path"]}`);
    stream.resume();
    return;
  }
  let first;
  let chunks;
  let size = 0;
  stream.on("data", (chunk) => {
    size += chunk.length;
    if (size > GRPC_MAX_MESSAGE + 5) {
      fail(stream, GrpcStatus.RESOURCE_EXHAUSTED, `request exceeds ${GRPC_MAX_MESSAGE} bytes`);
      stream.close(http2.constants.NGHTTP2_NO_ERROR);
      return;
    }
    if (first === void 0) first = chunk;
    else (chunks ??= [first]).push(chunk);
  });
  stream.on("end", () => {
    if (stream.destroyed || stream.headersSent) return;
    const body = chunks ? Buffer.concat(chunks, size) : first ?? Buffer.alloc(0);
    const result = answerGrpc(resolver, body);
    if (result.status !== 0) {
      fail(stream, result.status, result.error);
      return;
    }
    stream.respond(OK_HEADERS, RESPOND_OPTIONS);
    stream.once("wantTrailers", () => stream.sendTrailers(OK_TRAILERS));
    stream.end(result.message);
  });
}
async function startGrpcServer(options) {
  const { resolver, logger, idleTimeoutMs = 3e5, handshakeTimeoutMs = 1e4, requestTimeoutMs = 1e4, maxConcurrentStreams = 256, maxConnections = 1e4 } = options;
  const peer = (s) => `${s.remoteAddress}|${s.remotePort}`;
  const starting = /* @__PURE__ */ new Map();
  const prefaceWait = new Deadlines(handshakeTimeoutMs, (socket) => socket.destroy());
  const callWait = new BulkDeadlines(
    requestTimeoutMs,
    (stream) => stream.destroyed || stream.headersSent,
    (stream) => {
      fail(stream, GrpcStatus.DEADLINE_EXCEEDED, `request not complete within ${requestTimeoutMs} ms`);
      if (!stream.destroyed) stream.close(http2.constants.NGHTTP2_NO_ERROR);
    }
  );
  const settings = { maxConcurrentStreams };
  const material = options.tls ? readTlsFiles(options.tls) : void 0;
  const h2c = http2.createServer({ settings, maxSessionMemory: 10 });
  const h2s = material ? http2.createSecureServer({ ...material, settings, maxSessionMemory: 10, ALPNProtocols: ["h2"], handshakeTimeout: handshakeTimeoutMs }) : void 0;
  const sessions = /* @__PURE__ */ new Set();
  const sockets = /* @__PURE__ */ new Set();
  for (const server2 of h2s ? [h2c, h2s] : [h2c]) {
    server2.on("stream", (stream, headers) => {
      callWait.add(stream);
      stream.on("error", (e) => logger.debug({ err: e }, "grpc: stream error"));
      onStream(resolver, stream, headers);
    });
    server2.on("session", (session) => {
      sessions.add(session);
      session.once("remoteSettings", () => {
        const key = session.socket ? peer(session.socket) : "";
        const raw = starting.get(key);
        if (raw) {
          starting.delete(key);
          prefaceWait.disarm(raw);
        }
      });
      session.setTimeout(idleTimeoutMs, () => session.close());
      session.on("close", () => sessions.delete(session));
      session.on("error", (e) => logger.debug({ err: e }, "grpc: session error"));
    });
    server2.on("sessionError", (e) => logger.debug({ err: e }, "grpc: session error"));
  }
  h2s?.on("tlsClientError", (e) => logger.debug({ err: e }, "grpc: TLS handshake failed"));
  const required = options.tls?.required === true;
  const onSocketError = (e) => logger.debug({ err: e }, "grpc: connection error");
  const server = net2.createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    const key = peer(socket);
    starting.set(key, socket);
    prefaceWait.arm(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      prefaceWait.disarm(socket);
      if (starting.get(key) === socket) starting.delete(key);
    });
    sniff(
      socket,
      (head) => head[0] === TLS_HANDSHAKE && h2s ? "tls" : "h2c",
      (s, protocol) => {
        if (protocol === "tls") h2s.emit("connection", s);
        else if (required) s.destroy();
        else h2c.emit("connection", s);
      },
      handshakeTimeoutMs,
      onSocketError
    );
  });
  server.maxConnections = maxConnections;
  server.on("error", (e) => logger.error({ err: e }, "grpc: listener error"));
  const port = await listen(server, options.port, options.host);
  let closing;
  return {
    port,
    tls: h2s !== void 0,
    close() {
      closing ??= (async () => {
        const closed = closeServer(server);
        prefaceWait.close();
        callWait.close();
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        await closed;
      })();
      return closing;
    }
  };
}

// src/runtime/node/http-server.ts
import http from "node:http";
import http23 from "node:http2";
import net3 from "node:net";
import tls from "node:tls";
import { getRequestListener } from "@hono/node-server";

// src/runtime/node/doh-serve.ts
import http22 from "node:http2";
var DOH_PATH = "/dns-query";
var isDnsMessage = (contentType) => (contentType ?? "").split(";")[0].trim().toLowerCase() === DNS_MESSAGE;
function isDohTarget(url) {
  if (!url) return false;
  if (url.startsWith(DOH_PATH)) return url.length === DOH_PATH.length || url[DOH_PATH.length] === "?";
  return !url.startsWith("/") && url.includes(DOH_PATH) && URL.canParse(url) && new URL(url).pathname === DOH_PATH;
}
function serveDoh(doh, req, res) {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const request = {
    method: req.method ?? "GET",
    search: q < 0 ? "" : url.slice(q + 1),
    contentType: req.headers["content-type"],
    accept: req.headers.accept
  };
  const send = () => {
    const r = doh(request);
    const out = res;
    out.writeHead(r.status, r.headers);
    if (request.method === "HEAD") out.end();
    else out.end(r.body);
  };
  const isMessage = request.method === "POST" && isDnsMessage(request.contentType);
  if (!isMessage) {
    req.resume();
    return send();
  }
  const declared = req.headers["content-length"];
  if (declared !== void 0 && Number(declared) > DOH_MAX_MESSAGE) {
    request.body = "too-large";
    res.setHeader?.("connection", "close");
    return send();
  }
  readDohBody(req, (body) => {
    request.body = body;
    if (body === "too-large") res.setHeader?.("connection", "close");
    send();
  });
}
function readDohBody(source, done) {
  let first;
  let chunks;
  let size = 0;
  const onData = (chunk) => {
    size += chunk.length;
    if (size > DOH_MAX_MESSAGE) {
      source.off("data", onData);
      source.off("end", onEnd);
      return done("too-large");
    }
    if (first === void 0) first = chunk;
    else (chunks ??= [first]).push(chunk);
  };
  const onEnd = () => done(chunks ? Buffer.concat(chunks, size) : first ?? new Uint8Array(0));
  source.on("data", onData);
  source.on("end", onEnd);
  source.on("error", () => {
  });
}
function serveDohStream(doh, stream, headers) {
  const path = headers[":path"] ?? "/";
  const q = path.indexOf("?");
  const request = {
    method: headers[":method"] ?? "GET",
    search: q < 0 ? "" : path.slice(q + 1),
    contentType: headers["content-type"],
    accept: headers.accept
  };
  const send = () => {
    if (stream.destroyed || stream.headersSent) return;
    const r = doh(request);
    const head = { ":status": r.status, ...r.headers };
    if (request.method === "HEAD") return void stream.respond(head, { endStream: true });
    stream.respond(head);
    stream.end(r.body);
    if (request.body === "too-large") stream.close(http22.constants.NGHTTP2_NO_ERROR);
  };
  if (request.method !== "POST" || !isDnsMessage(request.contentType)) {
    stream.resume();
    return send();
  }
  const declared = headers["content-length"];
  if (declared !== void 0 && Number(declared) > DOH_MAX_MESSAGE) {
    request.body = "too-large";
    return send();
  }
  readDohBody(stream, (body) => {
    request.body = body;
    send();
  });
}

// src/runtime/node/http-server.ts
var H2_PREFACE = new TextEncoder().encode("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
function sniffProtocol(first) {
  const n = Math.min(first.length, H2_PREFACE.length);
  for (let i = 0; i < n; i++) if (first[i] !== H2_PREFACE[i]) return "http1";
  return first.length >= H2_PREFACE.length ? "h2" : "unknown";
}
var RAW_408 = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
function timeOutSocket(socket, last) {
  if (socket.destroyed) return;
  if (last === void 0) socket.end();
  else socket.end(last);
  setTimeout(() => socket.destroy(), 1e3).unref();
}
var timeOut = (socket) => timeOutSocket(socket, RAW_408);
async function startHttpServer(options) {
  const { logger, idleTimeoutMs = 3e4, headersTimeoutMs = 1e4, requestTimeoutMs = 3e4, maxConcurrentStreams = 128, maxConnections = 1e4 } = options;
  const listener = getRequestListener((request) => options.fetch(request));
  const h1 = http.createServer({ keepAliveTimeout: Math.min(idleTimeoutMs, headersTimeoutMs) });
  const doh = options.doh;
  const handle = (req, res) => {
    if (doh && isDohTarget(req.url)) serveDoh(doh, req, res);
    else void listener(req, res);
  };
  const h2 = http23.createServer({ settings: { maxConcurrentStreams } });
  const sockets = /* @__PURE__ */ new Set();
  const sessions = /* @__PURE__ */ new Set();
  const open = /* @__PURE__ */ new WeakMap();
  const headerWait = new Deadlines(headersTimeoutMs, (socket) => {
    if (!open.get(socket)) timeOut(socket);
  });
  const bodyWait = new Deadlines(requestTimeoutMs, ([req, res]) => {
    if (req.complete || res.writableEnded || req.socket.destroyed) return;
    if (res.headersSent) return void req.socket.destroy();
    const socket = req.socket;
    res.writeHead(408, { connection: "close", "content-type": "text/plain", "content-length": "16" }).end("request timeout\n", () => timeOutSocket(socket));
  });
  const handshakeWait = new Deadlines(headersTimeoutMs, (raw) => raw.destroy());
  const streamWait = new BulkDeadlines(
    requestTimeoutMs,
    (stream) => stream.destroyed || stream.closed,
    (stream) => stream.close(http23.constants.NGHTTP2_CANCEL)
  );
  h1.on("request", (req, res) => {
    const socket = req.socket;
    headerWait.disarm(socket);
    open.set(socket, (open.get(socket) ?? 0) + 1);
    const entry = [req, res];
    bodyWait.arm(entry);
    res.once("close", () => {
      bodyWait.disarm(entry);
      const left = (open.get(socket) ?? 1) - 1;
      open.set(socket, left);
      if (left === 0 && !socket.destroyed) headerWait.arm(socket);
    });
    handle(req, res);
  });
  h2.on("stream", (stream, headers, _flags, rawHeaders) => {
    stream.on("error", (e) => logger.debug({ err: e }, "http/2: stream error"));
    streamWait.add(stream);
    if (doh && isDohTarget(headers[":path"])) return serveDohStream(doh, stream, headers);
    const req = new http23.Http2ServerRequest(stream, headers, {}, rawHeaders);
    void listener(req, new http23.Http2ServerResponse(stream));
  });
  h2.on("sessionError", (e) => logger.debug({ err: e }, "http/2: session error"));
  h2.on("session", (session) => {
    sessions.add(session);
    session.setTimeout(idleTimeoutMs, () => session.close());
    session.on("close", () => sessions.delete(session));
  });
  const toHttp1 = (socket) => {
    headerWait.arm(socket);
    socket.once("close", () => headerWait.disarm(socket));
    h1.emit("connection", socket);
    socket.resume();
  };
  const track = (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };
  const onSocketError = (e) => logger.debug({ err: e }, "http: connection error before the first request");
  let server;
  if (options.tls) {
    const material = readTlsFiles(options.tls);
    const secure = tls.createServer({ ...material, ALPNProtocols: ["h2", "http/1.1"], handshakeTimeout: headersTimeoutMs });
    const handshaking = /* @__PURE__ */ new Map();
    const peer = (s) => `${s.remoteAddress}|${s.remotePort}`;
    secure.on("connection", (raw) => {
      track(raw);
      const key = peer(raw);
      handshaking.set(key, raw);
      handshakeWait.arm(raw);
      raw.once("close", () => {
        handshakeWait.disarm(raw);
        if (handshaking.get(key) === raw) handshaking.delete(key);
      });
    });
    secure.on("secureConnection", (socket) => {
      const key = peer(socket);
      const raw = handshaking.get(key);
      if (raw) {
        handshaking.delete(key);
        handshakeWait.disarm(raw);
      }
      if (socket.alpnProtocol === "h2") h2.emit("connection", socket);
      else toHttp1(socket);
    });
    secure.on("tlsClientError", (e) => logger.debug({ err: e }, "https: TLS handshake failed"));
    server = secure;
  } else {
    server = net3.createServer((socket) => {
      track(socket);
      sniff(
        socket,
        (head) => {
          const p = sniffProtocol(head);
          return p === "unknown" ? void 0 : p;
        },
        (s, protocol) => protocol === "h2" ? h2.emit("connection", s) : toHttp1(s),
        headersTimeoutMs,
        onSocketError
      );
    });
  }
  server.maxConnections = maxConnections;
  server.on("error", (e) => logger.error({ err: e }, "http: listener error"));
  const port = await listen(server, options.port, options.host);
  let closing;
  return {
    port,
    get connections() {
      return sockets.size;
    },
    close() {
      closing ??= (async () => {
        const closed = closeServer(server);
        for (const d of [headerWait, bodyWait, handshakeWait, streamWait]) d.close();
        for (const session of sessions) session.destroy();
        h1.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        await closed;
      })();
      return closing;
    }
  };
}

// src/runtime/node/main.ts
var signals = ["SIGTERM", "SIGINT"];
var whileStarting = (signal) => {
  process2.stderr.write(`cloudmap-dns: received ${signal} while starting; exiting
`);
  process2.exit(1);
};
for (const signal of signals) process2.on(signal, whileStarting);
var code = await main(process2.argv.slice(2), {
  runtime: { startHttpServer, startDnsServer, startGrpcServer },
  env: process2.env,
  // Compiled by `npm run build` (dist/…/main.js) or run from TypeScript through tsx (src/…/main.ts).
  about: { pid: process2.pid, node: process2.version, entry: import.meta.url.endsWith(".js") ? "dist" : "src" },
  readFile: (path) => readFileSync2(path, "utf8"),
  onRunning: (stop) => {
    for (const signal of signals) process2.off(signal, whileStarting);
    for (const signal of signals) process2.once(signal, () => void stop().finally(() => process2.exit(0)));
  },
  onServing: (server, { logger, inFlight }) => {
    for (const signal of signals) process2.off(signal, whileStarting);
    stopOnSignals({ server, inFlight, logger, onSignal: (signal, handler) => process2.on(signal, handler), exit: (c) => process2.exit(c) });
  }
});
if (code !== 0) process2.exit(code);
