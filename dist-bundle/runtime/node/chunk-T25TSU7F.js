// src/dns/rrl-config.ts
var RRL_OPTIONS = [
  ["--rrl-responses-per-second <n>", "response-rate limiting of UDP answers: positive answers per second per client network and name/type; 0 = RRL off (default: 0)"],
  ["--rrl-nodata-per-second <n>", "RRL: empty (NODATA) answers per second per network and name; 0 = unlimited (default: --rrl-responses-per-second)"],
  ["--rrl-nxdomains-per-second <n>", "RRL: NXDOMAIN answers per second per network and zone; 0 = unlimited (default: --rrl-responses-per-second)"],
  ["--rrl-errors-per-second <n>", "RRL: error answers (REFUSED, FORMERR, SERVFAIL, \u2026) per second per network; 0 = unlimited (default: --rrl-responses-per-second)"],
  ["--rrl-slip <n>", "RRL: send every n-th limited answer truncated (TC=1) so real clients retry over TCP; 0 = drop all, 1 = truncate all (default: 2)"],
  ["--rrl-window <seconds>", "RRL: seconds of excess a network pays back before it is answered again (default: 15)"],
  ["--rrl-ipv4-prefix-length <bits>", "RRL: IPv4 sources in one prefix share an account (default: 24)"],
  ["--rrl-ipv6-prefix-length <bits>", "RRL: IPv6 sources in one prefix share an account (default: 56)"],
  ["--rrl-table-size <n>", "RRL: accounts kept (fixed memory, ~30 bytes each; the least recently used is replaced) (default: 65536)"]
];
function number(value, flag, min, max, whole) {
  const n = Number(value);
  if (!(whole ? /^\d+$/ : /^\d+(\.\d+)?$/).test(value) || n < min || n > max) {
    throw new Error(`${flag} must be a ${whole ? "whole " : ""}number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}
function resolveRrlConfig(flags) {
  const rate = (v, flag, fallback) => v === void 0 ? fallback : number(v, flag, 0, 1e6, false);
  const responsesPerSecond = rate(flags.rrlResponsesPerSecond, "--rrl-responses-per-second", 0);
  const config = {
    responsesPerSecond,
    nodataPerSecond: rate(flags.rrlNodataPerSecond, "--rrl-nodata-per-second", responsesPerSecond),
    nxdomainsPerSecond: rate(flags.rrlNxdomainsPerSecond, "--rrl-nxdomains-per-second", responsesPerSecond),
    errorsPerSecond: rate(flags.rrlErrorsPerSecond, "--rrl-errors-per-second", responsesPerSecond),
    slip: number(flags.rrlSlip ?? "2", "--rrl-slip", 0, 10, true),
    windowSeconds: number(flags.rrlWindow ?? "15", "--rrl-window", 1, 3600, true),
    ipv4PrefixLength: number(flags.rrlIpv4PrefixLength ?? "24", "--rrl-ipv4-prefix-length", 0, 32, true),
    ipv6PrefixLength: number(flags.rrlIpv6PrefixLength ?? "56", "--rrl-ipv6-prefix-length", 0, 128, true),
    tableSize: number(flags.rrlTableSize ?? "65536", "--rrl-table-size", 8, 1 << 24, true)
  };
  const on = config.responsesPerSecond + config.nodataPerSecond + config.nxdomainsPerSecond + config.errorsPerSecond > 0;
  return on ? config : void 0;
}

// src/listeners.ts
var DEFAULT_GRPC_PORT = 8054;
var DEFAULT_MAX_CONNECTIONS = 1e3;
var DEFAULT_TCP_IDLE_TIMEOUT_S = 10;
function port(value, flag) {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new Error(`${flag} must be a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  return n;
}
function positive(value, flag, what) {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new Error(`${flag} must be ${what} above 0, got ${JSON.stringify(value)}`);
  return n;
}
function resolveListeners(host, flags) {
  const maxConnections = Math.floor(positive(flags.maxConnections ?? String(DEFAULT_MAX_CONNECTIONS), "--max-connections", "a number"));
  const idleTimeoutMs = Math.round(positive(flags.tcpIdleTimeout ?? String(DEFAULT_TCP_IDLE_TIMEOUT_S), "--tcp-idle-timeout", "a number of seconds") * 1e3);
  if (flags.tlsCert === void 0 !== (flags.tlsKey === void 0)) throw new Error("--tls-cert and --tls-key must be given together");
  const tls = flags.tlsCert !== void 0 ? { certFile: flags.tlsCert, keyFile: flags.tlsKey } : void 0;
  const httpsPort = port(flags.httpsPort ?? "0", "--https-port");
  const grpcPort = port(flags.grpcPort ?? String(DEFAULT_GRPC_PORT), "--grpc-port");
  if (httpsPort > 0 && !tls) throw new Error("--https-port needs --tls-cert and --tls-key");
  if (flags.grpcTls && !tls) throw new Error("--grpc-tls needs --tls-cert and --tls-key");
  if (flags.grpcTls && grpcPort === 0) throw new Error("--grpc-tls needs a gRPC listener (--grpc-port is 0)");
  const list = [
    { kind: "http", host, port: port(flags.httpPort ?? "8053", "--http-port"), maxConnections },
    { kind: "dns", host, port: port(flags.dnsPort ?? "1053", "--dns-port"), maxConnections, idleTimeoutMs }
  ];
  if (grpcPort > 0) list.push({ kind: "grpc", host, port: grpcPort, maxConnections, ...tls && { tls: { ...tls, required: flags.grpcTls === true } } });
  if (httpsPort > 0) list.push({ kind: "https", host, port: httpsPort, maxConnections, tls });
  return list;
}

// src/store/redis/target.ts
var REDIS_OPTIONS = [
  ["--redis-url <url>", "Redis URL redis://[[user]:password@]host[:port][/db], rediss:// for TLS (default: $REDIS_URL; unset = embedded memory store)"],
  ["--redis-sentinels <host:port,\u2026>", "find the Redis master through these Sentinels (default: $CLOUDMAP_REDIS_SENTINELS); needs --redis-master-name"],
  ["--redis-master-name <name>", "Sentinel master group name (default: $CLOUDMAP_REDIS_MASTER_NAME)"],
  ["--redis-cluster-nodes <host:port,\u2026>", "use a Redis Cluster, starting from these nodes (default: $CLOUDMAP_REDIS_CLUSTER_NODES)"],
  ["--redis-tls-ca <file>", "PEM CA certificates that signed the Redis server certificate; turns TLS on (default: $CLOUDMAP_REDIS_TLS_CA)"],
  ["--redis-tls-cert <file>", "PEM client certificate for Redis TLS (default: $CLOUDMAP_REDIS_TLS_CERT)"],
  ["--redis-tls-key <file>", "PEM private key of --redis-tls-cert (default: $CLOUDMAP_REDIS_TLS_KEY)"]
];
function redactRedisUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/(:\/\/)[^@/]*@/, "$1***@");
  }
}
var URL_FORMS = "expected redis://[[user]:password@]host[:port][/db] or rediss://\u2026 for TLS";
function parseRedisUrl(url) {
  const bad = (why) => {
    throw new Error(`--redis-url (or REDIS_URL) ${why}: ${URL_FORMS}, got ${JSON.stringify(redactRedisUrl(url))}`);
  };
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return bad("is not a URL");
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") bad(`has scheme ${parsed.protocol.replace(/:$/, "")}`);
  if (!parsed.hostname) bad("has no host");
  if (parsed.pathname && parsed.pathname !== "/" && !/^\/\d+$/.test(parsed.pathname)) bad("has a database that is not a number");
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    host,
    port: parsed.port ? Number(parsed.port) : 6379,
    tls: parsed.protocol === "rediss:",
    ...parsed.username && { username: decodeURIComponent(parsed.username) },
    ...parsed.password && { password: decodeURIComponent(parsed.password) },
    db: Number(parsed.pathname.slice(1) || 0)
  };
}
function parseHostPorts(value, flag) {
  const items = value.split(",").map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new Error(`${flag} needs at least one host:port, got ${JSON.stringify(value)}`);
  return items.map((item) => {
    const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(item);
    const port4 = Number(match?.[3]);
    if (!match || port4 < 1 || port4 > 65535) throw new Error(`${flag}: ${JSON.stringify(item)} is not host:port (port 1 to 65535)`);
    return { host: match[1] ?? match[2], port: port4 };
  });
}
function resolveRedisTarget(flags, env) {
  const pick = (flag, name) => flag ?? (env[name] || void 0);
  const url = pick(flags.redisUrl, "REDIS_URL");
  const sentinels = pick(flags.redisSentinels, "CLOUDMAP_REDIS_SENTINELS");
  const masterName = pick(flags.redisMasterName, "CLOUDMAP_REDIS_MASTER_NAME");
  const clusterNodes = pick(flags.redisClusterNodes, "CLOUDMAP_REDIS_CLUSTER_NODES");
  const caFile = pick(flags.redisTlsCa, "CLOUDMAP_REDIS_TLS_CA");
  const certFile = pick(flags.redisTlsCert, "CLOUDMAP_REDIS_TLS_CERT");
  const keyFile = pick(flags.redisTlsKey, "CLOUDMAP_REDIS_TLS_KEY");
  const tlsFiles = { ...caFile && { caFile }, ...certFile && { certFile }, ...keyFile && { keyFile } };
  const anyTlsFile = Object.keys(tlsFiles).length > 0;
  if (!url && !sentinels && !clusterNodes) {
    if (masterName) throw new Error("--redis-master-name needs --redis-sentinels");
    if (anyTlsFile) throw new Error("--redis-tls-ca/--redis-tls-cert/--redis-tls-key need Redis state (--redis-url, --redis-sentinels or --redis-cluster-nodes)");
    return void 0;
  }
  if (sentinels && clusterNodes) throw new Error("--redis-sentinels and --redis-cluster-nodes exclude each other: Sentinel manages one master, a Cluster many");
  if (!!certFile !== !!keyFile) throw new Error("--redis-tls-cert and --redis-tls-key go together");
  const fromUrl = url ? parseRedisUrl(url) : void 0;
  if (fromUrl && !fromUrl.tls && anyTlsFile) throw new Error(`--redis-url ${redactRedisUrl(url)} is plain redis:// but a --redis-tls-* file is given: use rediss:// for TLS`);
  const access = {
    ...fromUrl?.username && { username: fromUrl.username },
    ...fromUrl?.password && { password: fromUrl.password },
    db: fromUrl?.db ?? 0,
    ...(fromUrl?.tls || anyTlsFile) && { tls: tlsFiles }
  };
  if (sentinels) {
    if (!masterName) throw new Error("--redis-sentinels needs --redis-master-name (the name in `sentinel monitor NAME host port quorum`)");
    const sentinelUsername = env.CLOUDMAP_REDIS_SENTINEL_USERNAME || void 0;
    const sentinelPassword = env.CLOUDMAP_REDIS_SENTINEL_PASSWORD || void 0;
    return {
      mode: "sentinel",
      ...url && { url },
      sentinels: parseHostPorts(sentinels, "--redis-sentinels"),
      masterName,
      ...access,
      ...sentinelUsername && { sentinelUsername },
      ...sentinelPassword && { sentinelPassword }
    };
  }
  if (masterName) throw new Error("--redis-master-name needs --redis-sentinels");
  if (clusterNodes) {
    if (access.db !== 0) throw new Error(`--redis-url selects database ${access.db}, but a Redis Cluster has only database 0`);
    return { mode: "cluster", ...url && { url }, nodes: parseHostPorts(clusterNodes, "--redis-cluster-nodes"), ...access };
  }
  return { mode: "standalone", url, host: fromUrl.host, port: fromUrl.port, ...access };
}
function targetFromUrl(url) {
  return resolveRedisTarget({ redisUrl: url }, {});
}
function describeRedisTarget(target) {
  const list = (nodes) => nodes.map((n) => `${n.host.includes(":") ? `[${n.host}]` : n.host}:${n.port}`).join(",");
  const extras = [target.username && `user ${target.username}`, target.db !== 0 && `db ${target.db}`, target.tls && "TLS"].filter(Boolean);
  const suffix = extras.length > 0 ? ` (${extras.join(", ")})` : "";
  switch (target.mode) {
    case "standalone":
      return redactRedisUrl(target.url);
    case "sentinel":
      return `sentinel master ${JSON.stringify(target.masterName)} via ${list(target.sentinels)}${suffix}`;
    case "cluster":
      return `cluster via ${list(target.nodes)}${suffix}`;
  }
}

// src/config.ts
function port2(value, flag) {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new Error(`${flag} must be a port number from 0 to 65535, got ${JSON.stringify(value)}`);
  return n;
}
function seconds(value, flag) {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0)) throw new Error(`${flag} must be a number of seconds above 0, got ${JSON.stringify(value)}`);
  return Math.round(n * 1e3);
}
function anyResponse(value) {
  if (value !== "minimal" && value !== "full") throw new Error(`--any-response must be minimal or full, got ${JSON.stringify(value)}`);
  return value;
}
function authMode(value) {
  if (value !== "open" && value !== "sigv4") throw new Error(`--auth must be open or sigv4, got ${JSON.stringify(value)}`);
  return value;
}
function count(value, flag, min, max) {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new Error(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}
function resolveServeConfig(flags, env) {
  const accountId = flags.accountId ?? env.CLOUDMAP_ACCOUNT_ID ?? "123456789012";
  if (!/^\d{12}$/.test(accountId)) throw new Error(`--account-id must be 12 digits, got ${JSON.stringify(accountId)}`);
  const redisUrl = flags.redisUrl ?? (env.REDIS_URL || void 0);
  const auth = authMode(flags.auth ?? env.CLOUDMAP_AUTH ?? "open");
  const credentialsFile = flags.credentials ?? (env.CLOUDMAP_CREDENTIALS_FILE || void 0);
  if (auth === "sigv4" && credentialsFile === void 0) throw new Error("--auth sigv4 needs --credentials FILE (access key id and secret per line)");
  const redis = resolveRedisTarget(flags, env);
  const rrl = resolveRrlConfig(flags);
  return {
    host: flags.host ?? "127.0.0.1",
    httpPort: port2(flags.httpPort ?? "8053", "--http-port"),
    dnsPort: port2(flags.dnsPort ?? "1053", "--dns-port"),
    listeners: resolveListeners(flags.host ?? "127.0.0.1", flags),
    ...redisUrl !== void 0 && { redisUrl },
    ...redis && { redis },
    redisPrefix: flags.redisPrefix ?? env.CLOUDMAP_REDIS_PREFIX ?? "cloudmap:",
    redisConnectTimeoutMs: seconds(flags.redisConnectTimeout ?? env.CLOUDMAP_REDIS_CONNECT_TIMEOUT ?? "10", "--redis-connect-timeout"),
    region: flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    accountId,
    logLevel: flags.logLevel ?? env.LOG_LEVEL ?? "info",
    anyResponse: anyResponse(flags.anyResponse ?? "minimal"),
    auth,
    ...credentialsFile !== void 0 && { credentialsFile },
    healthChecks: flags.healthChecks ?? true,
    healthCheckIntervalMs: seconds(flags.healthCheckInterval ?? env.CLOUDMAP_HEALTH_CHECK_INTERVAL ?? "30", "--health-check-interval"),
    healthCheckConcurrency: count(flags.healthCheckConcurrency ?? "64", "--health-check-concurrency", 1, 1e4),
    awsStrict: flags.awsStrict ?? false,
    ...rrl && { rrl }
  };
}

// src/store/redis/connection.ts
import { readFileSync } from "node:fs";
import { Cluster, Redis } from "ioredis";

// src/model/constraints.generated.ts
var OPERATIONS = {
  CreateHttpNamespace: { input: "CreateHttpNamespaceRequest", output: "CreateHttpNamespaceResponse", errors: ["DuplicateRequest", "InvalidInput", "NamespaceAlreadyExists", "ResourceLimitExceeded", "TooManyTagsException"] },
  CreatePrivateDnsNamespace: { input: "CreatePrivateDnsNamespaceRequest", output: "CreatePrivateDnsNamespaceResponse", errors: ["DuplicateRequest", "InvalidInput", "NamespaceAlreadyExists", "ResourceLimitExceeded", "TooManyTagsException"] },
  CreatePublicDnsNamespace: { input: "CreatePublicDnsNamespaceRequest", output: "CreatePublicDnsNamespaceResponse", errors: ["DuplicateRequest", "InvalidInput", "NamespaceAlreadyExists", "ResourceLimitExceeded", "TooManyTagsException"] },
  CreateService: { input: "CreateServiceRequest", output: "CreateServiceResponse", errors: ["InvalidInput", "NamespaceNotFound", "ResourceLimitExceeded", "ServiceAlreadyExists", "TooManyTagsException"] },
  DeleteNamespace: { input: "DeleteNamespaceRequest", output: "DeleteNamespaceResponse", errors: ["DuplicateRequest", "InvalidInput", "NamespaceNotFound", "ResourceInUse"] },
  DeleteService: { input: "DeleteServiceRequest", output: "DeleteServiceResponse", errors: ["InvalidInput", "ResourceInUse", "ServiceNotFound"] },
  DeleteServiceAttributes: { input: "DeleteServiceAttributesRequest", output: "DeleteServiceAttributesResponse", errors: ["InvalidInput", "ServiceNotFound"] },
  DeregisterInstance: { input: "DeregisterInstanceRequest", output: "DeregisterInstanceResponse", errors: ["DuplicateRequest", "InstanceNotFound", "InvalidInput", "ResourceInUse", "ServiceNotFound"] },
  DiscoverInstances: { input: "DiscoverInstancesRequest", output: "DiscoverInstancesResponse", errors: ["InvalidInput", "NamespaceNotFound", "RequestLimitExceeded", "ServiceNotFound"], hostPrefix: "data-" },
  DiscoverInstancesRevision: { input: "DiscoverInstancesRevisionRequest", output: "DiscoverInstancesRevisionResponse", errors: ["InvalidInput", "NamespaceNotFound", "RequestLimitExceeded", "ServiceNotFound"], hostPrefix: "data-" },
  GetInstance: { input: "GetInstanceRequest", output: "GetInstanceResponse", errors: ["InstanceNotFound", "InvalidInput", "ServiceNotFound"] },
  GetInstancesHealthStatus: { input: "GetInstancesHealthStatusRequest", output: "GetInstancesHealthStatusResponse", errors: ["InstanceNotFound", "InvalidInput", "ServiceNotFound"] },
  GetNamespace: { input: "GetNamespaceRequest", output: "GetNamespaceResponse", errors: ["InvalidInput", "NamespaceNotFound"] },
  GetOperation: { input: "GetOperationRequest", output: "GetOperationResponse", errors: ["InvalidInput", "OperationNotFound"] },
  GetService: { input: "GetServiceRequest", output: "GetServiceResponse", errors: ["InvalidInput", "ServiceNotFound"] },
  GetServiceAttributes: { input: "GetServiceAttributesRequest", output: "GetServiceAttributesResponse", errors: ["InvalidInput", "ServiceNotFound"] },
  ListInstances: { input: "ListInstancesRequest", output: "ListInstancesResponse", errors: ["InvalidInput", "ServiceNotFound"] },
  ListNamespaces: { input: "ListNamespacesRequest", output: "ListNamespacesResponse", errors: ["InvalidInput"] },
  ListOperations: { input: "ListOperationsRequest", output: "ListOperationsResponse", errors: ["InvalidInput"] },
  ListServices: { input: "ListServicesRequest", output: "ListServicesResponse", errors: ["InvalidInput"] },
  ListTagsForResource: { input: "ListTagsForResourceRequest", output: "ListTagsForResourceResponse", errors: ["InvalidInput", "ResourceNotFoundException"] },
  RegisterInstance: { input: "RegisterInstanceRequest", output: "RegisterInstanceResponse", errors: ["DuplicateRequest", "InvalidInput", "ResourceInUse", "ResourceLimitExceeded", "ServiceNotFound"] },
  TagResource: { input: "TagResourceRequest", output: "TagResourceResponse", errors: ["InvalidInput", "ResourceNotFoundException", "TooManyTagsException"] },
  UntagResource: { input: "UntagResourceRequest", output: "UntagResourceResponse", errors: ["InvalidInput", "ResourceNotFoundException"] },
  UpdateHttpNamespace: { input: "UpdateHttpNamespaceRequest", output: "UpdateHttpNamespaceResponse", errors: ["DuplicateRequest", "InvalidInput", "NamespaceNotFound", "ResourceInUse"] },
  UpdateInstanceCustomHealthStatus: { input: "UpdateInstanceCustomHealthStatusRequest", output: "smithy.api#Unit", errors: ["CustomHealthNotFound", "InstanceNotFound", "InvalidInput", "ServiceNotFound"] },
  UpdatePrivateDnsNamespace: { input: "UpdatePrivateDnsNamespaceRequest", output: "UpdatePrivateDnsNamespaceResponse", errors: ["DuplicateRequest", "InvalidInput", "NamespaceNotFound", "ResourceInUse"] },
  UpdatePublicDnsNamespace: { input: "UpdatePublicDnsNamespaceRequest", output: "UpdatePublicDnsNamespaceResponse", errors: ["DuplicateRequest", "InvalidInput", "NamespaceNotFound", "ResourceInUse"] },
  UpdateService: { input: "UpdateServiceRequest", output: "UpdateServiceResponse", errors: ["DuplicateRequest", "InvalidInput", "ServiceNotFound"] },
  UpdateServiceAttributes: { input: "UpdateServiceAttributesRequest", output: "UpdateServiceAttributesResponse", errors: ["InvalidInput", "ServiceAttributesLimitExceededException", "ServiceNotFound"] }
};
var SHAPES = {
  AWSAccountId: { type: "string", length: { min: 12, max: 12 } },
  AmazonResourceName: { type: "string", length: { min: 1, max: 1011 } },
  Arn: { type: "string", length: { min: 0, max: 255 } },
  AttrKey: { type: "string", length: { min: 0, max: 255 }, pattern: "^[a-zA-Z0-9!-~]+$" },
  AttrValue: { type: "string", length: { min: 0, max: 1024 }, pattern: "^([a-zA-Z0-9!-~][ \\ta-zA-Z0-9!-~]*){0,1}[a-zA-Z0-9!-~]{0,1}$" },
  Attributes: { type: "map", key: "AttrKey", value: "AttrValue" },
  CreateHttpNamespaceRequest: { type: "structure", members: { Name: { target: "NamespaceNameHttp", required: true }, CreatorRequestId: { target: "ResourceId", idempotencyToken: true }, Description: { target: "ResourceDescription" }, Tags: { target: "TagList" } } },
  CreatePrivateDnsNamespaceRequest: { type: "structure", members: { Name: { target: "NamespaceNamePrivate", required: true }, CreatorRequestId: { target: "ResourceId", idempotencyToken: true }, Description: { target: "ResourceDescription" }, Vpc: { target: "ResourceId", required: true }, Tags: { target: "TagList" }, Properties: { target: "PrivateDnsNamespaceProperties" } } },
  CreatePublicDnsNamespaceRequest: { type: "structure", members: { Name: { target: "NamespaceNamePublic", required: true }, CreatorRequestId: { target: "ResourceId", idempotencyToken: true }, Description: { target: "ResourceDescription" }, Tags: { target: "TagList" }, Properties: { target: "PublicDnsNamespaceProperties" } } },
  CreateServiceRequest: { type: "structure", members: { Name: { target: "ServiceName", required: true }, NamespaceId: { target: "Arn" }, CreatorRequestId: { target: "ResourceId", idempotencyToken: true }, Description: { target: "ResourceDescription" }, DnsConfig: { target: "DnsConfig" }, HealthCheckConfig: { target: "HealthCheckConfig" }, HealthCheckCustomConfig: { target: "HealthCheckCustomConfig" }, Tags: { target: "TagList" }, Type: { target: "ServiceTypeOption" } } },
  CustomHealthNotFound: { type: "structure", members: { Message: { target: "ErrorMessage" } } },
  CustomHealthStatus: { type: "enum", enum: ["HEALTHY", "UNHEALTHY"] },
  DeleteNamespaceRequest: { type: "structure", members: { Id: { target: "Arn", required: true } } },
  DeleteServiceAttributesRequest: { type: "structure", members: { ServiceId: { target: "Arn", required: true }, Attributes: { target: "ServiceAttributeKeyList", required: true } } },
  DeleteServiceRequest: { type: "structure", members: { Id: { target: "Arn", required: true } } },
  DeregisterInstanceRequest: { type: "structure", members: { ServiceId: { target: "Arn", required: true }, InstanceId: { target: "ResourceId", required: true } } },
  DiscoverInstancesRequest: { type: "structure", members: { NamespaceName: { target: "NamespaceName", required: true }, ServiceName: { target: "ServiceName", required: true }, MaxResults: { target: "DiscoverMaxResults" }, QueryParameters: { target: "Attributes" }, OptionalParameters: { target: "Attributes" }, HealthStatus: { target: "HealthStatusFilter" }, OwnerAccount: { target: "AWSAccountId" } } },
  DiscoverInstancesRevisionRequest: { type: "structure", members: { NamespaceName: { target: "NamespaceName", required: true }, ServiceName: { target: "ServiceName", required: true }, OwnerAccount: { target: "AWSAccountId" } } },
  DiscoverMaxResults: { type: "integer", range: { min: 1, max: 1e3 } },
  DnsConfig: { type: "structure", members: { NamespaceId: { target: "ResourceId" }, RoutingPolicy: { target: "RoutingPolicy" }, DnsRecords: { target: "DnsRecordList", required: true } } },
  DnsConfigChange: { type: "structure", members: { DnsRecords: { target: "DnsRecordList", required: true } } },
  DnsRecord: { type: "structure", members: { Type: { target: "RecordType", required: true }, TTL: { target: "RecordTTL", required: true } } },
  DnsRecordList: { type: "list", member: "DnsRecord" },
  DuplicateRequest: { type: "structure", members: { Message: { target: "ErrorMessage" }, DuplicateOperationId: { target: "OperationId" } } },
  ErrorMessage: { type: "string" },
  FailureThreshold: { type: "integer", range: { min: 1, max: 10 } },
  FilterCondition: { type: "enum", enum: ["EQ", "IN", "BETWEEN", "BEGINS_WITH"] },
  FilterValue: { type: "string", length: { min: 1, max: 255 } },
  FilterValues: { type: "list", member: "FilterValue" },
  GetInstanceRequest: { type: "structure", members: { ServiceId: { target: "Arn", required: true }, InstanceId: { target: "ResourceId", required: true } } },
  GetInstancesHealthStatusRequest: { type: "structure", members: { ServiceId: { target: "Arn", required: true }, Instances: { target: "InstanceIdList" }, MaxResults: { target: "MaxResults" }, NextToken: { target: "NextToken" } } },
  GetNamespaceRequest: { type: "structure", members: { Id: { target: "Arn", required: true } } },
  GetOperationRequest: { type: "structure", members: { OperationId: { target: "OperationId", required: true }, OwnerAccount: { target: "AWSAccountId" } } },
  GetServiceAttributesRequest: { type: "structure", members: { ServiceId: { target: "Arn", required: true } } },
  GetServiceRequest: { type: "structure", members: { Id: { target: "Arn", required: true } } },
  HealthCheckConfig: { type: "structure", members: { Type: { target: "HealthCheckType", required: true }, ResourcePath: { target: "ResourcePath" }, FailureThreshold: { target: "FailureThreshold" } } },
  HealthCheckCustomConfig: { type: "structure", members: { FailureThreshold: { target: "FailureThreshold" } } },
  HealthCheckType: { type: "enum", enum: ["HTTP", "HTTPS", "TCP"] },
  HealthStatusFilter: { type: "enum", enum: ["HEALTHY", "UNHEALTHY", "ALL", "HEALTHY_OR_ELSE_ALL"] },
  HttpNamespaceChange: { type: "structure", members: { Description: { target: "ResourceDescription", required: true } } },
  InstanceId: { type: "string", length: { min: 0, max: 64 }, pattern: "^[0-9a-zA-Z_/:.@-]+$" },
  InstanceIdList: { type: "list", length: { min: 1 }, member: "ResourceId" },
  InstanceNotFound: { type: "structure", members: { Message: { target: "ErrorMessage" } } },
  InvalidInput: { type: "structure", members: { Message: { target: "ErrorMessage" } } },
  ListInstancesRequest: { type: "structure", members: { ServiceId: { target: "Arn", required: true }, NextToken: { target: "NextToken" }, MaxResults: { target: "MaxResults" } } },
  ListNamespacesRequest: { type: "structure", members: { NextToken: { target: "NextToken" }, MaxResults: { target: "MaxResults" }, Filters: { target: "NamespaceFilters" } } },
  ListOperationsRequest: { type: "structure", members: { NextToken: { target: "NextToken" }, MaxResults: { target: "MaxResults" }, Filters: { target: "OperationFilters" } } },
  ListServicesRequest: { type: "structure", members: { NextToken: { target: "NextToken" }, MaxResults: { target: "MaxResults" }, Filters: { target: "ServiceFilters" } } },
  ListTagsForResourceRequest: { type: "structure", members: { ResourceARN: { target: "AmazonResourceName", required: true } } },
  MaxResults: { type: "integer", range: { min: 1, max: 100 } },
  NamespaceAlreadyExists: { type: "structure", members: { Message: { target: "ErrorMessage" }, CreatorRequestId: { target: "ResourceId" }, NamespaceId: { target: "ResourceId" } } },
  NamespaceFilter: { type: "structure", members: { Name: { target: "NamespaceFilterName", required: true }, Values: { target: "FilterValues", required: true }, Condition: { target: "FilterCondition" } } },
  NamespaceFilterName: { type: "enum", enum: ["TYPE", "NAME", "HTTP_NAME", "RESOURCE_OWNER"] },
  NamespaceFilters: { type: "list", member: "NamespaceFilter" },
  NamespaceName: { type: "string", length: { min: 0, max: 1024 }, pattern: "^[!-~]{1,1024}$" },
  NamespaceNameHttp: { type: "string", length: { min: 0, max: 1024 }, pattern: "^(?!arn:)[!-~]{1,1024}$" },
  NamespaceNamePrivate: { type: "string", length: { min: 0, max: 253 }, pattern: "^(?!arn:)[!-~]{1,253}$" },
  NamespaceNamePublic: { type: "string", length: { min: 0, max: 253 }, pattern: "^([a-zA-Z0-9]([a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z0-9]([a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])?$" },
  NamespaceNotFound: { type: "structure", members: { Message: { target: "ErrorMessage" } } },
  NextToken: { type: "string", length: { min: 0, max: 4096 } },
  OperationFilter: { type: "structure", members: { Name: { target: "OperationFilterName", required: true }, Values: { target: "FilterValues", required: true }, Condition: { target: "FilterCondition" } } },
  OperationFilterName: { type: "enum", enum: ["NAMESPACE_ID", "SERVICE_ID", "STATUS", "TYPE", "UPDATE_DATE"] },
  OperationFilters: { type: "list", member: "OperationFilter" },
  OperationId: { type: "string", length: { min: 0, max: 255 } },
  OperationNotFound: { type: "structure", members: { Message: { target: "ErrorMessage" } } },
  PrivateDnsNamespaceChange: { type: "structure", members: { Description: { target: "ResourceDescription" }, Properties: { target: "PrivateDnsNamespacePropertiesChange" } } },
  PrivateDnsNamespaceProperties: { type: "structure", members: { DnsProperties: { target: "PrivateDnsPropertiesMutable", required: true } } },
  PrivateDnsNamespacePropertiesChange: { type: "structure", members: { DnsProperties: { target: "PrivateDnsPropertiesMutableChange", required: true } } },
  PrivateDnsPropertiesMutable: { type: "structure", members: { SOA: { target: "SOA", required: true } } },
  PrivateDnsPropertiesMutableChange: { type: "structure", members: { SOA: { target: "SOAChange", required: true } } },
  PublicDnsNamespaceChange: { type: "structure", members: { Description: { target: "ResourceDescription" }, Properties: { target: "PublicDnsNamespacePropertiesChange" } } },
  PublicDnsNamespaceProperties: { type: "structure", members: { DnsProperties: { target: "PublicDnsPropertiesMutable", required: true } } },
  PublicDnsNamespacePropertiesChange: { type: "structure", members: { DnsProperties: { target: "PublicDnsPropertiesMutableChange", required: true } } },
  PublicDnsPropertiesMutable: { type: "structure", members: { SOA: { target: "SOA", required: true } } },
  PublicDnsPropertiesMutableChange: { type: "structure", members: { SOA: { target: "SOAChange", required: true } } },
  RecordTTL: { type: "long", range: { min: 0, max: 2147483647 } },
  RecordType: { type: "enum", enum: ["SRV", "A", "AAAA", "CNAME"] },
  RegisterInstanceRequest: { type: "structure", members: { ServiceId: { target: "Arn", required: true }, InstanceId: { target: "InstanceId", required: true }, CreatorRequestId: { target: "ResourceId", idempotencyToken: true }, Attributes: { target: "Attributes", required: true } } },
  RequestLimitExceeded: { type: "structure", members: { Message: { target: "ErrorMessage" } } },
  ResourceDescription: { type: "string", length: { min: 0, max: 1024 } },
  ResourceId: { type: "string", length: { min: 0, max: 64 } },
  ResourceInUse: { type: "structure", members: { Message: { target: "ErrorMessage" } } },
  ResourceLimitExceeded: { type: "structure", members: { Message: { target: "ErrorMessage" } } },
  ResourceNotFoundException: { type: "structure", members: { Message: { target: "ErrorMessage" } } },
  ResourcePath: { type: "string", length: { min: 0, max: 255 } },
  RoutingPolicy: { type: "enum", enum: ["MULTIVALUE", "WEIGHTED"] },
  SOA: { type: "structure", members: { TTL: { target: "RecordTTL", required: true } } },
  SOAChange: { type: "structure", members: { TTL: { target: "RecordTTL", required: true } } },
  ServiceAlreadyExists: { type: "structure", members: { Message: { target: "ErrorMessage" }, CreatorRequestId: { target: "ResourceId" }, ServiceId: { target: "ResourceId" }, ServiceArn: { target: "Arn" } } },
  ServiceAttributeKey: { type: "string", length: { min: 0, max: 255 } },
  ServiceAttributeKeyList: { type: "list", length: { min: 1, max: 30 }, member: "ServiceAttributeKey" },
  ServiceAttributeValue: { type: "string", length: { min: 0, max: 1024 } },
  ServiceAttributesLimitExceededException: { type: "structure", members: { Message: { target: "ErrorMessage" } } },
  ServiceAttributesMap: { type: "map", length: { min: 1, max: 30 }, key: "ServiceAttributeKey", value: "ServiceAttributeValue" },
  ServiceChange: { type: "structure", members: { Description: { target: "ResourceDescription" }, DnsConfig: { target: "DnsConfigChange" }, HealthCheckConfig: { target: "HealthCheckConfig" } } },
  ServiceFilter: { type: "structure", members: { Name: { target: "ServiceFilterName", required: true }, Values: { target: "FilterValues", required: true }, Condition: { target: "FilterCondition" } } },
  ServiceFilterName: { type: "enum", enum: ["NAMESPACE_ID", "RESOURCE_OWNER"] },
  ServiceFilters: { type: "list", member: "ServiceFilter" },
  ServiceName: { type: "string", pattern: "^((?=^.{1,127}$)^([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])(\\.([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*$)|(^\\.$)$" },
  ServiceNotFound: { type: "structure", members: { Message: { target: "ErrorMessage" } } },
  ServiceTypeOption: { type: "enum", enum: ["HTTP"] },
  Tag: { type: "structure", members: { Key: { target: "TagKey", required: true }, Value: { target: "TagValue", required: true } } },
  TagKey: { type: "string", length: { min: 1, max: 128 } },
  TagKeyList: { type: "list", length: { min: 0, max: 200 }, member: "TagKey" },
  TagList: { type: "list", length: { min: 0, max: 200 }, member: "Tag" },
  TagResourceRequest: { type: "structure", members: { ResourceARN: { target: "AmazonResourceName", required: true }, Tags: { target: "TagList", required: true } } },
  TagValue: { type: "string", length: { min: 0, max: 256 } },
  TooManyTagsException: { type: "structure", members: { Message: { target: "ErrorMessage" }, ResourceName: { target: "AmazonResourceName" } } },
  UntagResourceRequest: { type: "structure", members: { ResourceARN: { target: "AmazonResourceName", required: true }, TagKeys: { target: "TagKeyList", required: true } } },
  UpdateHttpNamespaceRequest: { type: "structure", members: { Id: { target: "Arn", required: true }, UpdaterRequestId: { target: "ResourceId", idempotencyToken: true }, Namespace: { target: "HttpNamespaceChange", required: true } } },
  UpdateInstanceCustomHealthStatusRequest: { type: "structure", members: { ServiceId: { target: "Arn", required: true }, InstanceId: { target: "ResourceId", required: true }, Status: { target: "CustomHealthStatus", required: true } } },
  UpdatePrivateDnsNamespaceRequest: { type: "structure", members: { Id: { target: "Arn", required: true }, UpdaterRequestId: { target: "ResourceId", idempotencyToken: true }, Namespace: { target: "PrivateDnsNamespaceChange", required: true } } },
  UpdatePublicDnsNamespaceRequest: { type: "structure", members: { Id: { target: "Arn", required: true }, UpdaterRequestId: { target: "ResourceId", idempotencyToken: true }, Namespace: { target: "PublicDnsNamespaceChange", required: true } } },
  UpdateServiceAttributesRequest: { type: "structure", members: { ServiceId: { target: "Arn", required: true }, Attributes: { target: "ServiceAttributesMap", required: true } } },
  UpdateServiceRequest: { type: "structure", members: { Id: { target: "Arn", required: true }, Service: { target: "ServiceChange", required: true } } }
};
var ERROR_HTTP_STATUS = {
  CustomHealthNotFound: 404,
  DuplicateRequest: 409,
  InstanceNotFound: 404,
  InvalidInput: 400,
  NamespaceAlreadyExists: 400,
  NamespaceNotFound: 404,
  OperationNotFound: 404,
  RequestLimitExceeded: 429,
  ResourceInUse: 409,
  ResourceLimitExceeded: 400,
  ResourceNotFoundException: 404,
  ServiceAlreadyExists: 400,
  ServiceAttributesLimitExceededException: 400,
  ServiceNotFound: 404,
  TooManyTagsException: 400
};

// src/model/errors.ts
var ERROR_STATUS = {
  ...ERROR_HTTP_STATUS,
  // Protocol-level errors (not in the service model).
  UnknownOperationException: 400,
  SerializationException: 400,
  /** Retryable: the state backend (Redis) cannot be reached. SDKs retry 503. */
  ServiceUnavailable: 503,
  InternalFailure: 500,
  // Authentication (--auth sigv4), AWS "Common Errors" with the JSON protocols' Exception suffix.
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 400,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403
};
var CloudMapError = class extends Error {
  constructor(type, message, fields = {}) {
    super(message);
    this.type = type;
    this.fields = fields;
    this.name = type;
  }
  type;
  fields;
  name;
  /** HTTP status from the model's `httpError` trait. */
  get status() {
    return ERROR_STATUS[this.type];
  }
  /** True for errors a client should retry (5xx, throttling). */
  get retryable() {
    return this.status >= 500 || this.status === 429;
  }
};
var errors = {
  invalidInput: (message) => new CloudMapError("InvalidInput", message),
  namespaceNotFound: (id) => new CloudMapError("NamespaceNotFound", `Namespace not found: ${id}`),
  serviceNotFound: (id) => new CloudMapError("ServiceNotFound", `Service not found: ${id}`),
  instanceNotFound: (serviceId, instanceId) => new CloudMapError("InstanceNotFound", `Instance not found: ${instanceId} in service ${serviceId}`),
  operationNotFound: (id) => new CloudMapError("OperationNotFound", `Operation not found: ${id}`),
  namespaceAlreadyExists: (name, namespaceId, creatorRequestId) => new CloudMapError("NamespaceAlreadyExists", `Namespace already exists with name ${name}`, {
    NamespaceId: namespaceId,
    ...creatorRequestId ? { CreatorRequestId: creatorRequestId } : {}
  }),
  serviceAlreadyExists: (name, serviceId, serviceArn, creatorRequestId) => new CloudMapError("ServiceAlreadyExists", `Service already exists with name ${name}`, {
    ServiceId: serviceId,
    ServiceArn: serviceArn,
    ...creatorRequestId ? { CreatorRequestId: creatorRequestId } : {}
  }),
  resourceInUse: (message) => new CloudMapError("ResourceInUse", message),
  hostNameTaken: (instanceId, otherId) => new CloudMapError(
    "InvalidInput",
    `Instance id ${instanceId} differs only in case from the registered instance ${otherId}: the service has an SRV record, so both would have the same DNS host name (DNS names are case-insensitive, RFC 4343)`
  ),
  resourceNotFound: (arn2) => new CloudMapError("ResourceNotFoundException", `Resource not found: ${arn2}`),
  tooManyTags: (resourceName, count2, max) => new CloudMapError("TooManyTagsException", `A resource can have at most ${max} tags; ${resourceName} would have ${count2}`, {
    ResourceName: resourceName
  }),
  serviceAttributesLimit: (serviceId, count2, max) => new CloudMapError("ServiceAttributesLimitExceededException", `A service can have at most ${max} attributes; ${serviceId} would have ${count2}`),
  unavailable: (message) => new CloudMapError("ServiceUnavailable", message)
};

// src/store/redis/connection.ts
function commandConnectionOptions({ connectTimeoutMs, commandTimeoutMs }) {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: connectTimeoutMs,
    commandTimeout: commandTimeoutMs,
    retryStrategy: (times) => Math.min(times * 100, 2e3),
    reconnectOnError: reconnectWhenReadOnly
  };
}
function reconnectWhenReadOnly(error) {
  return error.message.startsWith("READONLY") ? 2 : false;
}
function tlsOptions(target) {
  if (!target.tls) return void 0;
  const read = (file, flag) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`cannot read ${flag} ${file}: ${error.message}`);
    }
  };
  const { caFile, certFile, keyFile } = target.tls;
  return {
    ...caFile && { ca: read(caFile, "--redis-tls-ca") },
    ...certFile && { cert: read(certFile, "--redis-tls-cert") },
    ...keyFile && { key: read(keyFile, "--redis-tls-key") }
  };
}
function createRedisClient(target, options = {}, extras = {}) {
  const tls = tlsOptions(target);
  const access = {
    ...target.username && { username: target.username },
    ...target.password && { password: target.password },
    ...tls && { tls }
  };
  switch (target.mode) {
    case "standalone":
      return new Redis({ ...options, host: target.host, port: target.port, db: target.db, ...access });
    case "sentinel":
      return new Redis({
        ...options,
        ...access,
        db: target.db,
        sentinels: target.sentinels,
        name: target.masterName,
        role: "master",
        failoverDetector: true,
        ...target.sentinelUsername && { sentinelUsername: target.sentinelUsername },
        ...target.sentinelPassword && { sentinelPassword: target.sentinelPassword },
        ...tls && { enableTLSForSentinelMode: true, sentinelTLS: tls },
        ..."sentinelRetryStrategy" in extras && { sentinelRetryStrategy: extras.sentinelRetryStrategy }
      });
    case "cluster": {
      const { retryStrategy, enableOfflineQueue, lazyConnect, ...perNode } = options;
      const clusterOptions = {
        redisOptions: { ...perNode, ...access },
        ...retryStrategy !== void 0 && { clusterRetryStrategy: retryStrategy },
        ...enableOfflineQueue !== void 0 && { enableOfflineQueue },
        ...lazyConnect !== void 0 && { lazyConnect }
      };
      return new Cluster(target.nodes, clusterOptions);
    }
  }
}
function followerConnection(base, blockMs, connectTimeoutMs) {
  const perConnection = {
    maxRetriesPerRequest: 0,
    connectTimeout: connectTimeoutMs,
    commandTimeout: blockMs + Math.max(1e3, connectTimeoutMs),
    connectionName: "cloudmap-follower"
  };
  const conn = base instanceof Cluster ? base.duplicate([], {
    enableOfflineQueue: true,
    lazyConnect: false,
    clusterRetryStrategy: () => null,
    redisOptions: { ...base.options.redisOptions, ...perConnection }
  }) : base.duplicate({
    ...perConnection,
    enableOfflineQueue: true,
    retryStrategy: () => null,
    lazyConnect: false,
    // With Sentinel: one pass over the Sentinels per connection; the follower's own backoff retries.
    sentinelRetryStrategy: () => null
  });
  conn.on("error", () => {
  });
  return conn;
}
async function whenReady(redis, timeoutMs) {
  if (redis.status !== "wait" && redis.status !== "connecting" && redis.status !== "connect") return;
  if (redis.status === "wait") redis.connect().catch(() => {
  });
  await new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off("ready", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    redis.once("ready", done);
  });
}
var RETRYABLE_REPLY = /^(LOADING|BUSY|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|OOM|NOREPLICAS)\b/;
function toStoreError(error) {
  if (error instanceof CloudMapError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const isReply = error instanceof Error && error.name === "ReplyError";
  if (isReply && !RETRYABLE_REPLY.test(message)) {
    return new CloudMapError("InternalFailure", `Redis error: ${message}`);
  }
  return errors.unavailable(`State store (Redis) unavailable: ${message}`);
}

// src/store/redis/keys.ts
var DEFAULT_KEY_PREFIX = "cloudmap:";
var HASH_TAG = "{cm}";
var RedisKeys = class {
  /** @param prefix free text put before the hash tag, e.g. `cloudmap:` or `test-1a2b:` */
  constructor(prefix = DEFAULT_KEY_PREFIX) {
    this.prefix = prefix;
    this.base = `${prefix}${HASH_TAG}:`;
  }
  prefix;
  /** `<prefix>{cm}:`, the start of every key. */
  base;
  /** String: the store revision (INCR-style counter, 0 when absent). */
  get revision() {
    return `${this.base}revision`;
  }
  /** String: a random id of this data set, set (NX) by followers; a different or missing value means Redis lost or swapped its data. */
  get epoch() {
    return `${this.base}epoch`;
  }
  /** Stream: change events, entry id `<revision>-0`. */
  get events() {
    return `${this.base}events`;
  }
  /** Set: ids of all namespaces. */
  get namespaces() {
    return `${this.base}namespaces`;
  }
  /** Hash: lowercase namespace name → namespace id. */
  get namespaceNames() {
    return `${this.base}namespace-names`;
  }
  /** Set: ids of all services. */
  get services() {
    return `${this.base}services`;
  }
  /** Sorted set: operation ids scored by createDate (epoch ms). */
  get operations() {
    return `${this.base}operations`;
  }
  /** Hash: the fields of one namespace. */
  namespace(namespaceId) {
    return `${this.base}ns:${namespaceId}`;
  }
  /** Set: ids of the services of one namespace. */
  servicesOf(namespaceId) {
    return `${this.base}ns-services:${namespaceId}`;
  }
  /** Hash: lowercase service name → service id, within one namespace. */
  serviceNames(namespaceId) {
    return `${this.base}ns-service-names:${namespaceId}`;
  }
  /** Hash: the fields of one service. */
  service(serviceId) {
    return `${this.base}svc:${serviceId}`;
  }
  /** Set: ids of the instances of one service. */
  instancesOf(serviceId) {
    return `${this.base}svc-instances:${serviceId}`;
  }
  /** Hash: the service attributes of one service (AWS UpdateServiceAttributes), key → value. */
  serviceAttributes(serviceId) {
    return `${this.base}svc-attrs:${serviceId}`;
  }
  /** Hash: lowercase instance id → instance id, for services with an SRV record (DNS host names are case-insensitive). */
  serviceHosts(serviceId) {
    return `${this.base}svc-hosts:${serviceId}`;
  }
  /** Hash: the fields of one instance except its attributes. */
  instance(serviceId, instanceId) {
    return `${this.base}inst:${serviceId}:${instanceId}`;
  }
  /** Hash: the attributes of one instance (AWS `Attributes`, name → value). */
  attributes(serviceId, instanceId) {
    return `${this.base}inst-attrs:${serviceId}:${instanceId}`;
  }
  /** Hash: one operation; expires after the operation retention. */
  operation(operationId) {
    return `${this.base}op:${operationId}`;
  }
  /** Hash: an idempotency record (fingerprint, resourceId, operationId); expires after the request retention. */
  request(key) {
    return `${this.base}req:${key}`;
  }
  /** Hash: tag key → value of the resource with this ARN. */
  tags(arn2) {
    return `${this.base}tags:${arn2}`;
  }
  /** String with a TTL: the id of the replica holding the lease `name` (e.g. `reconcile`: the reconciler's leader). */
  lease(name) {
    return `${this.base}lease:${name}`;
  }
  /**
   * Hash: the shard leases of one lease group (`shard-leases.ts`), field
   * `SHARD` → holder id and `SHARD:until` → expiry (epoch ms, Redis clock).
   * Expires when no holder renews it. Group `health`: the health checker.
   */
  leaseShards(group) {
    return `${this.base}lease-shards:${group}`;
  }
  /** Sorted set: the live holders of one lease group, scored by their heartbeat expiry (epoch ms, Redis clock). */
  leaseHolders(group) {
    return `${this.base}lease-holders:${group}`;
  }
  /** Hash: the last active health check of one instance (`src/health/results.ts`); expires a few intervals after the last check. */
  healthCheck(serviceId, instanceId) {
    return `${this.base}health:${serviceId}:${instanceId}`;
  }
};

// src/store/redis/codec.ts
function hashFromFields(fields) {
  const h = {};
  for (let i = 0; i + 1 < fields.length; i += 2) h[fields[i]] = fields[i + 1];
  return h;
}
function pairs(entries) {
  const out = [];
  for (const [field, value] of entries) if (value !== void 0) out.push(field, String(value));
  return out;
}
var num = (value) => value === void 0 ? void 0 : Number(value);
var bool = (value) => value === void 0 ? void 0 : value === "true";
function compact(record) {
  for (const key of Object.keys(record)) if (record[key] === void 0) delete record[key];
  return record;
}
function encodeDnsRecords(records2) {
  return records2.map((r) => `${r.type}:${r.ttl}`).join(",");
}
function decodeDnsRecords(text) {
  return text.split(",").filter((part) => part !== "").map((part) => {
    const colon = part.lastIndexOf(":");
    return { type: part.slice(0, colon), ttl: Number(part.slice(colon + 1)) };
  });
}
function namespaceFields(ns) {
  return pairs([
    ["id", ns.id],
    ["arn", ns.arn],
    ["name", ns.name],
    ["type", ns.type],
    ["description", ns.description],
    ["createDate", ns.createDate],
    ["httpName", ns.httpName],
    ["vpc", ns.vpc],
    ["soaTtl", ns.soaTtl],
    ["hostedZoneId", ns.hostedZoneId],
    ["resourceOwner", ns.resourceOwner],
    ["creatorRequestId", ns.creatorRequestId]
  ]);
}
function namespaceFromHash(h) {
  if (h.id === void 0) return void 0;
  return compact({
    id: h.id,
    arn: h.arn ?? "",
    name: h.name ?? "",
    type: h.type ?? "HTTP",
    description: h.description,
    creatorRequestId: h.creatorRequestId,
    createDate: Number(h.createDate ?? 0),
    httpName: h.httpName ?? h.name ?? "",
    vpc: h.vpc,
    soaTtl: num(h.soaTtl),
    hostedZoneId: h.hostedZoneId,
    resourceOwner: h.resourceOwner ?? ""
  });
}
function serviceFields(svc) {
  const hc = svc.healthCheckConfig;
  return pairs([
    ["id", svc.id],
    ["arn", svc.arn],
    ["name", svc.name],
    ["namespaceId", svc.namespaceId],
    ["type", svc.type],
    ["description", svc.description],
    ["creatorRequestId", svc.creatorRequestId],
    ["createdByAccount", svc.createdByAccount],
    ["resourceOwner", svc.resourceOwner],
    ["createDate", svc.createDate],
    ["routingPolicy", svc.routingPolicy],
    ["dnsRecords", svc.dnsRecords && encodeDnsRecords(svc.dnsRecords)],
    ["healthCheckType", hc?.type],
    ["healthCheckResourcePath", hc?.resourcePath],
    ["healthCheckFailureThreshold", hc?.failureThreshold],
    ["healthCheckCustom", svc.healthCheckCustom]
  ]);
}
function serviceFromHash(h) {
  if (h.id === void 0) return void 0;
  const healthCheckConfig = h.healthCheckType === void 0 ? void 0 : compact({
    type: h.healthCheckType,
    resourcePath: h.healthCheckResourcePath,
    failureThreshold: num(h.healthCheckFailureThreshold)
  });
  return compact({
    id: h.id,
    arn: h.arn ?? "",
    name: h.name ?? "",
    namespaceId: h.namespaceId ?? "",
    type: h.type ?? "HTTP",
    description: h.description,
    creatorRequestId: h.creatorRequestId,
    createdByAccount: h.createdByAccount ?? "",
    resourceOwner: h.resourceOwner ?? "",
    createDate: Number(h.createDate ?? 0),
    routingPolicy: h.routingPolicy,
    dnsRecords: h.dnsRecords === void 0 ? void 0 : decodeDnsRecords(h.dnsRecords),
    healthCheckConfig,
    healthCheckCustom: bool(h.healthCheckCustom),
    instancesRevision: Number(h.instancesRevision ?? 0)
  });
}
function instanceFields(inst) {
  return pairs([
    ["id", inst.id],
    ["serviceId", inst.serviceId],
    ["creatorRequestId", inst.creatorRequestId],
    ["createdByAccount", inst.createdByAccount],
    ["updateDate", inst.updateDate],
    ["healthStatus", inst.healthStatus]
  ]);
}
function instanceFromHash(h, attributes) {
  if (h.id === void 0) return void 0;
  return compact({
    id: h.id,
    serviceId: h.serviceId ?? "",
    attributes: { ...attributes },
    creatorRequestId: h.creatorRequestId,
    createdByAccount: h.createdByAccount ?? "",
    createDate: Number(h.createDate ?? 0),
    updateDate: Number(h.updateDate ?? 0),
    healthStatus: h.healthStatus ?? "UNKNOWN"
  });
}
var SNAPSHOT_INSTANCE_FIELDS = ["id", "serviceId", "creatorRequestId", "createdByAccount", "createDate", "updateDate", "healthStatus"];
function instanceFromValues(values, attributeFields) {
  const str = (i) => typeof values[i] === "string" ? values[i] : void 0;
  const id = str(0);
  if (id === void 0) return void 0;
  const instance = {
    id,
    serviceId: str(1) ?? "",
    attributes: hashFromFields(attributeFields),
    createdByAccount: str(3) ?? "",
    createDate: Number(str(4) ?? 0),
    updateDate: Number(str(5) ?? 0),
    healthStatus: str(6) ?? "UNKNOWN"
  };
  const creatorRequestId = str(2);
  if (creatorRequestId !== void 0) instance.creatorRequestId = creatorRequestId;
  return instance;
}
function operationFields(op) {
  return pairs([
    ["id", op.id],
    ["type", op.type],
    ["status", op.status],
    ["ownerAccount", op.ownerAccount],
    ["createDate", op.createDate],
    ["updateDate", op.updateDate],
    ["target.NAMESPACE", op.targets.NAMESPACE],
    ["target.SERVICE", op.targets.SERVICE],
    ["target.INSTANCE", op.targets.INSTANCE],
    ["errorCode", op.errorCode],
    ["errorMessage", op.errorMessage]
  ]);
}
function operationFromHash(h) {
  if (h.id === void 0) return void 0;
  return compact({
    id: h.id,
    type: h.type,
    status: h.status,
    ownerAccount: h.ownerAccount ?? "",
    createDate: Number(h.createDate ?? 0),
    updateDate: Number(h.updateDate ?? 0),
    targets: compact({ NAMESPACE: h["target.NAMESPACE"], SERVICE: h["target.SERVICE"], INSTANCE: h["target.INSTANCE"] }),
    errorCode: h.errorCode,
    errorMessage: h.errorMessage
  });
}
function requestFields(request) {
  return pairs([["fingerprint", request.fingerprint], ["resourceId", request.resourceId], ["operationId", request.operationId]]);
}
function tagFields(tags) {
  return Object.entries(tags ?? {}).flat();
}
function eventData(record, ...omit) {
  const copy = { ...record };
  for (const key of omit) delete copy[key];
  return JSON.stringify(copy);
}
function decodeEvent(id, fields) {
  const f = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1];
  const revision = Number(id.slice(0, id.indexOf("-")));
  const need = (name) => {
    const value = f[name];
    if (value === void 0) throw new Error(`stream entry ${id}: missing field ${name}`);
    return value;
  };
  switch (f.type) {
    case "NamespaceUpserted":
      return { type: f.type, revision, namespace: JSON.parse(need("data")) };
    case "NamespaceDeleted":
      return { type: f.type, revision, namespaceId: need("namespaceId") };
    case "ServiceUpserted":
      return { type: f.type, revision, service: JSON.parse(need("data")) };
    case "ServiceDeleted":
      return { type: f.type, revision, namespaceId: need("namespaceId"), serviceId: need("serviceId") };
    case "InstanceUpserted":
      return { type: f.type, revision, instance: JSON.parse(need("data")) };
    case "InstanceDeleted":
      return { type: f.type, revision, serviceId: need("serviceId"), instanceId: need("instanceId") };
    case "InstanceHealthChanged":
      return {
        type: f.type,
        revision,
        serviceId: need("serviceId"),
        instanceId: need("instanceId"),
        healthStatus: need("healthStatus"),
        updateDate: Number(need("updateDate"))
      };
    default:
      throw new Error(`stream entry ${id}: unknown type ${String(f.type)}`);
  }
}

// src/store/redis/follower.ts
var GAP_REASONS = {
  trimmed: "the change stream was trimmed past the view's position",
  lost: "Redis lost its data (revision below the view's, or a different entry at its position)",
  epoch: "Redis data was reset or replaced (epoch key missing or changed)",
  undecodable: "a change event could not be decoded"
};
function followStream(o) {
  let closed = false;
  let conn;
  let wake;
  const sleep = (ms) => new Promise((resolve) => {
    const timer = setTimeout(() => resolve(), ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  const loop = async () => {
    let last = o.after;
    let lastFields;
    let epoch;
    let delay = o.retryMinMs;
    const gap = (reason) => o.listener.onGap(reason);
    while (!closed) {
      let reply;
      let current;
      try {
        if (!conn) {
          conn = o.connect();
          if (await historyLost(conn, o, last, lastFields)) {
            gap(GAP_REASONS.lost);
            break;
          }
          epoch ??= await establishEpoch(conn, o.epochKey);
        }
        const replies = await conn.pipeline().xread("COUNT", o.batch, "BLOCK", o.blockMs, "STREAMS", o.streamKey, `${last}-0`).get(o.epochKey).exec();
        const [xreadResult, getResult] = replies ?? [];
        const failure = xreadResult?.[0] ?? getResult?.[0] ?? (replies ? void 0 : new Error("the pipeline was discarded"));
        if (failure) throw failure;
        reply = xreadResult[1];
        current = getResult[1];
      } catch (error) {
        if (closed) break;
        conn?.disconnect();
        conn = void 0;
        o.listener.onError?.(toStoreError(error));
        await sleep(delay);
        delay = Math.min(delay * 2, o.retryMaxMs);
        continue;
      }
      delay = o.retryMinMs;
      if (closed) break;
      if (current !== epoch) {
        gap(GAP_REASONS.epoch);
        break;
      }
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length === 0) continue;
      let events;
      try {
        events = entries.map(([id, fields]) => decodeEvent(id, fields));
      } catch (error) {
        o.listener.onError?.(error);
        gap(GAP_REASONS.undecodable);
        break;
      }
      if (events.some((e, i) => e.revision !== last + 1 + i)) {
        gap(GAP_REASONS.trimmed);
        break;
      }
      last = events[events.length - 1].revision;
      lastFields = entries[entries.length - 1][1];
      try {
        o.listener.onEvents(events);
      } catch (error) {
        o.listener.onError?.(error);
      }
    }
    conn?.disconnect();
    conn = void 0;
  };
  const done = loop();
  return {
    close: async () => {
      closed = true;
      conn?.disconnect();
      wake?.();
      await done;
    }
  };
}
async function establishEpoch(conn, epochKey) {
  const replies = await conn.multi().set(epochKey, crypto.randomUUID(), "NX").get(epochKey).exec();
  const [error, value] = replies?.[1] ?? [new Error("MULTI was discarded"), null];
  if (error) throw error;
  return value;
}
async function historyLost(conn, o, last, lastFields) {
  const [revision, entries] = await Promise.all([
    conn.get(o.revisionKey),
    lastFields ? conn.xrange(o.streamKey, `${last}-0`, `${last}-0`) : Promise.resolve([])
  ]);
  if (Number(revision ?? 0) < last) return true;
  const fields = entries[0]?.[1];
  if (fields === void 0 || lastFields === void 0) return false;
  return fields.length !== lastFields.length || fields.some((field, i) => field !== lastFields[i]);
}

// src/store/redis/read-ahead.ts
async function* readAhead(next, read, inFlight) {
  const queue = [];
  let exhausted = false;
  const fill = () => {
    while (!exhausted && queue.length < inFlight) {
      const item = next();
      if (item === void 0) {
        exhausted = true;
        return;
      }
      const reply = read(item);
      reply.catch(() => void 0);
      queue.push(reply);
    }
  };
  fill();
  while (queue.length > 0) {
    const result = await queue.shift();
    fill();
    yield result;
  }
}

// src/store/redis/scripts.ts
import { readFileSync as readFileSync2 } from "node:fs";

// src/store/store.ts
var RequestAlreadyApplied = class extends CloudMapError {
  constructor(record) {
    super(
      "DuplicateRequest",
      `A request with this token was already applied (${record.key})`,
      record.operationId ? { DuplicateOperationId: record.operationId } : {}
    );
    this.record = record;
  }
  record;
};

// src/store/redis/scripts.ts
var SCRIPT_FILES = {
  createNamespace: "createNamespace-9.lua",
  deleteNamespace: "deleteNamespace-10.lua",
  createService: "createService-9.lua",
  deleteService: "deleteService-9.lua",
  registerInstance: "registerInstance-10.lua",
  deregisterInstance: "deregisterInstance-9.lua",
  setInstanceHealth: "setInstanceHealth-4.lua",
  updateRecord: "updateRecord-6.lua",
  tagResource: "tagResource-2.lua",
  untagResource: "untagResource-2.lua",
  updateServiceAttributes: "updateServiceAttributes-2.lua",
  deleteServiceAttributes: "deleteServiceAttributes-2.lua"
};
var ScriptCode = {
  NamespaceNotFound: -1,
  NamespaceAlreadyExists: -2,
  ServiceNotFound: -3,
  ServiceAlreadyExists: -4,
  InstanceNotFound: -5,
  NamespaceInUse: -6,
  ServiceInUse: -7,
  /** A compare-and-set found the record changed since it was read; the caller retries. */
  Conflict: -9,
  ResourceNotFound: -10,
  TooManyTags: -11,
  ServiceAttributesLimit: -12,
  /** Another instance id equals this one but for case, in a service with an SRV record. */
  HostNameTaken: -13,
  /** The request key already holds a record (`RequestAlreadyApplied`). */
  RequestAlreadyApplied: -20
};
var INCLUDE = /^--- @include "([\w-]+)"$/gm;
var SCRIPT_SHEBANG = "#!lua";
function loadLua(file) {
  const read = (path) => readFileSync2(new URL(`./lua/${path}`, import.meta.url), "utf8");
  return `${SCRIPT_SHEBANG}
${read(file).replace(INCLUDE, (_line, name) => read(`includes/${name}.lua`))}`;
}
function numberOfKeys(file) {
  const match = /-(\d+)\.lua$/.exec(file);
  if (!match) throw new Error(`script file ${file} is not named <command>-<numkeys>.lua`);
  return Number(match[1]);
}
var SOURCES = Object.fromEntries(
  Object.entries(SCRIPT_FILES).map(([name, file]) => [name, { lua: loadLua(file), numberOfKeys: numberOfKeys(file) }])
);
var COMMAND_PREFIX = "cloudmap_";
function defineScripts(redis) {
  for (const [name, { lua, numberOfKeys: numberOfKeys2 }] of Object.entries(SOURCES)) {
    redis.defineCommand(`${COMMAND_PREFIX}${name}`, { lua, numberOfKeys: numberOfKeys2 });
  }
}
async function runScript(redis, name, keys, args) {
  const expected = SOURCES[name].numberOfKeys;
  if (keys.length !== expected) throw new Error(`script ${name} takes ${expected} keys, got ${keys.length}`);
  const command = redis[`${COMMAND_PREFIX}${name}`];
  if (!command) throw new Error(`script ${name} is not defined on this connection`);
  const reply = await command.call(redis, ...keys, ...args);
  if (!Array.isArray(reply) || typeof reply[0] !== "number") {
    throw new Error(`script ${name} replied ${JSON.stringify(reply)}`);
  }
  return reply;
}
function scriptError(reply, ctx) {
  const [code, ...details] = reply;
  const detail = (i) => String(details[i] ?? "");
  const optional = (i) => detail(i) || void 0;
  switch (code) {
    case ScriptCode.NamespaceNotFound:
      return errors.namespaceNotFound(ctx.namespaceId ?? "");
    case ScriptCode.NamespaceAlreadyExists:
      return errors.namespaceAlreadyExists(ctx.name ?? "", detail(0), optional(1));
    case ScriptCode.ServiceNotFound:
      return errors.serviceNotFound(ctx.serviceId ?? "");
    case ScriptCode.ServiceAlreadyExists:
      return errors.serviceAlreadyExists(ctx.name ?? "", detail(0), detail(1), optional(2));
    case ScriptCode.InstanceNotFound:
      return errors.instanceNotFound(ctx.serviceId ?? "", ctx.instanceId ?? "");
    case ScriptCode.NamespaceInUse:
      return errors.resourceInUse(`Namespace ${ctx.namespaceId ?? ""} has services; delete them first`);
    case ScriptCode.ServiceInUse:
      return errors.resourceInUse(`Service ${ctx.serviceId ?? ""} has registered instances; deregister them first`);
    case ScriptCode.HostNameTaken:
      return errors.hostNameTaken(ctx.instanceId ?? "", detail(0));
    case ScriptCode.RequestAlreadyApplied:
      return new RequestAlreadyApplied({
        key: ctx.requestKey ?? "",
        fingerprint: detail(0),
        resourceId: detail(1),
        ...optional(2) && { operationId: detail(2) }
      });
    case ScriptCode.Conflict:
      return new CloudMapError("RequestLimitExceeded", "The resource is being changed by another request; retry");
    case ScriptCode.ResourceNotFound:
      return errors.resourceNotFound(ctx.resourceArn ?? "");
    case ScriptCode.TooManyTags:
      return errors.tooManyTags(ctx.resourceArn ?? "", Number(details[0]), ctx.max ?? 0);
    case ScriptCode.ServiceAttributesLimit:
      return errors.serviceAttributesLimit(ctx.serviceId ?? "", Number(details[0]), ctx.max ?? 0);
    default:
      return new CloudMapError("InternalFailure", `Unexpected store script reply code ${String(code)}`);
  }
}
async function runWrite(redis, name, keys, args, ctx) {
  const reply = await runScript(redis, name, keys, args);
  if (reply[0] < 0 || reply[0] === 0 && !ZERO_IS_NO_CHANGE.has(name)) throw scriptError(reply, ctx);
  return reply;
}
var ZERO_IS_NO_CHANGE = /* @__PURE__ */ new Set(["setInstanceHealth"]);

// src/store/redis/reads.ts
var SNAPSHOT_BATCH = 100;
var SNAPSHOT_SERVICES_PER_CALL = 50;
var SNAPSHOT_IN_FLIGHT = 3;
var READ_SCRIPTS = {
  cloudmap_readInstances: loadLua("readInstances-N.lua"),
  cloudmap_readServices: loadLua("readServices-N.lua")
};
var RedisReads = class {
  /**
   * @param redis the command connection
   * @param keys key names of this store
   * @param operationRetentionMs operations older than this are not listed
   * @param connectTimeoutMs longest wait for a connection that is being set up
   */
  constructor(redis, keys, operationRetentionMs, connectTimeoutMs) {
    this.redis = redis;
    this.keys = keys;
    this.operationRetentionMs = operationRetentionMs;
    this.connectTimeoutMs = connectTimeoutMs;
  }
  redis;
  keys;
  operationRetentionMs;
  connectTimeoutMs;
  /** Store.getNamespace: HGETALL + SCARD in one round trip. */
  async getNamespace(id) {
    const [hash, count2] = await this.pipeline((p) => p.hgetall(this.keys.namespace(id)).scard(this.keys.servicesOf(id)));
    const ns = namespaceFromHash(hash);
    return ns && { ...ns, serviceCount: count2 };
  }
  /** Store.listNamespaces: SMEMBERS, then one pipeline of HGETALL + SCARD per namespace. */
  async listNamespaces() {
    const ids = await this.call(() => this.redis.smembers(this.keys.namespaces));
    const replies = await this.pipeline((p) => {
      for (const id of ids) p.hgetall(this.keys.namespace(id)).scard(this.keys.servicesOf(id));
    });
    return ids.flatMap((_, i) => {
      const ns = namespaceFromHash(replies[2 * i]);
      return ns ? [{ ...ns, serviceCount: replies[2 * i + 1] }] : [];
    });
  }
  /** Store.getService: HGETALL + SCARD in one round trip. */
  async getService(id) {
    const [hash, count2] = await this.pipeline((p) => p.hgetall(this.keys.service(id)).scard(this.keys.instancesOf(id)));
    const svc = serviceFromHash(hash);
    return svc && { ...svc, instanceCount: count2 };
  }
  /** Store.listServices: SMEMBERS, then one pipeline of HGETALL + SCARD per service. */
  async listServices() {
    const ids = await this.call(() => this.redis.smembers(this.keys.services));
    const replies = await this.pipeline((p) => {
      for (const id of ids) p.hgetall(this.keys.service(id)).scard(this.keys.instancesOf(id));
    });
    return ids.flatMap((_, i) => {
      const svc = serviceFromHash(replies[2 * i]);
      return svc ? [{ ...svc, instanceCount: replies[2 * i + 1] }] : [];
    });
  }
  /** Store.getInstance: the instance hash and its attributes hash in one round trip. */
  async getInstance(serviceId, instanceId) {
    const [hash, attrs] = await this.pipeline((p) => p.hgetall(this.keys.instance(serviceId, instanceId)).hgetall(this.keys.attributes(serviceId, instanceId)));
    return instanceFromHash(hash, attrs);
  }
  /** Store.listInstances (throws ServiceNotFound): EXISTS + SMEMBERS, then one pipeline of HGETALLs. */
  async listInstances(serviceId) {
    const [exists, ids] = await this.pipeline((p) => p.exists(this.keys.service(serviceId)).smembers(this.keys.instancesOf(serviceId)));
    if (exists === 0) throw errors.serviceNotFound(serviceId);
    return this.#readInstances(ids.map((id) => [serviceId, id]));
  }
  /** Store.getOperation; undefined once the operation hash expired. */
  async getOperation(id) {
    return operationFromHash(await this.call(() => this.redis.hgetall(this.keys.operation(id))));
  }
  /** Store.listOperations: index entries newer than the retention, then one pipeline of HGETALLs. */
  async listOperations() {
    const cutoff = Date.now() - this.operationRetentionMs;
    const ids = await this.call(() => this.redis.zrangebyscore(this.keys.operations, cutoff, "+inf"));
    const hashes = await this.pipeline((p) => {
      for (const id of ids) p.hgetall(this.keys.operation(id));
    });
    return hashes.flatMap((h) => operationFromHash(h) ?? []);
  }
  /** Store.getTags: HGETALL of the ARN's tags hash. */
  async getTags(arn2) {
    return { ...await this.call(() => this.redis.hgetall(this.keys.tags(arn2))) };
  }
  /** Store.revision: GET of the revision counter (0 when absent). */
  async revision() {
    return Number(await this.call(() => this.redis.get(this.keys.revision)) ?? 0);
  }
  /**
   * Store.snapshot: `snapshotInBatches` with every batch collected into one
   * array (what tools and tests want; the view loads through
   * `snapshotInBatches` instead, so it never holds both).
   */
  async snapshot() {
    const { instanceBatches, ...rest } = await this.snapshotInBatches();
    const instances = [];
    for await (const batch of instanceBatches) for (const inst of batch) instances.push(inst);
    return { ...rest, instances };
  }
  /**
   * Store.snapshotInBatches. Reads the revision first, then the records
   * (which may be newer; replaying events from the revision is idempotent):
   * namespaces, then services and their instance ids through
   * `lua/readServices-N.lua`, `SNAPSHOT_SERVICES_PER_CALL` services per call, then the instances through `lua/readInstances-N.lua`,
   * `SNAPSHOT_BATCH` instances per call with `SNAPSHOT_IN_FLIGHT` calls
   * ahead of the consumer (`readAhead`). Each batch is decoded
   * (`codec.instanceFromValues`) when the consumer takes it, not in the
   * socket's callback: 100k instances cost 400 script calls instead of 200k
   * commands, and neither replies nor decoded instances pile up in memory.
   */
  async snapshotInBatches() {
    const revision = await this.revision();
    const [nsIds = [], svcIds = []] = await this.pipeline((p) => p.smembers(this.keys.namespaces).smembers(this.keys.services));
    const namespaces = (await this.pipeline((p) => {
      for (const id of nsIds) p.hgetall(this.keys.namespace(id));
    })).flatMap((h) => namespaceFromHash(h) ?? []);
    const services = [];
    const members = [];
    for (let at = 0; at < svcIds.length; at += SNAPSHOT_SERVICES_PER_CALL) {
      const ids = svcIds.slice(at, at + SNAPSHOT_SERVICES_PER_CALL);
      const keys = ids.flatMap((id) => [this.keys.service(id), this.keys.instancesOf(id)]);
      const reply = JSON.parse(await this.#script("cloudmap_readServices", keys, []));
      ids.forEach((serviceId, i) => {
        const svc = serviceFromHash(hashFromFields(cjsonArray(reply[2 * i])));
        if (svc) services.push(svc);
        members.push([serviceId, cjsonArray(reply[2 * i + 1])]);
      });
    }
    let service = 0;
    let member = 0;
    const nextBatch = () => {
      const refs = [];
      while (refs.length < SNAPSHOT_BATCH && service < members.length) {
        const [serviceId, ids] = members[service];
        if (member >= ids.length) {
          service++;
          member = 0;
          continue;
        }
        refs.push([serviceId, ids[member++]]);
      }
      return refs.length > 0 ? refs : void 0;
    };
    const read = (refs) => this.#scriptReadInstances(refs);
    async function* decoded() {
      for await (const json of readAhead(nextBatch, read, SNAPSHOT_IN_FLIGHT)) yield decodeInstances(json);
    }
    return { revision, namespaces, services, instanceBatches: decoded() };
  }
  /** Runs Redis calls after the connection is ready (bounded wait), mapping failures (`toStoreError`). */
  async call(fn) {
    try {
      await whenReady(this.redis, this.connectTimeoutMs);
      return await fn();
    } catch (error) {
      throw toStoreError(error);
    }
  }
  /** Runs a pipeline and returns its results in order; the first failed command fails the whole read. */
  async pipeline(build) {
    return this.call(async () => {
      const p = this.redis.pipeline();
      build(p);
      if (p.length === 0) return [];
      const results = await p.exec() ?? [];
      return results.map(([error, value]) => {
        if (error) throw error;
        return value;
      });
    });
  }
  /** One `readInstances-N.lua` call for `[serviceId, instanceId]` refs: its JSON reply, undecoded (see `decodeInstances`). */
  #scriptReadInstances(refs) {
    const keys = new Array(2 * refs.length);
    for (let i = 0; i < refs.length; i++) {
      keys[2 * i] = this.keys.instance(refs[i][0], refs[i][1]);
      keys[2 * i + 1] = this.keys.attributes(refs[i][0], refs[i][1]);
    }
    return this.#script("cloudmap_readInstances", keys, SNAPSHOT_INSTANCE_FIELDS);
  }
  /** One call of a read script (`READ_SCRIPTS`, defined on first use) with `keys` and `args`; its reply (one JSON text). */
  #script(name, keys, args) {
    return this.call(() => {
      const redis = this.redis;
      if (typeof redis[name] !== "function") this.redis.defineCommand(name, { lua: READ_SCRIPTS[name] });
      return redis[name](keys.length, ...keys, ...args);
    });
  }
  /** Instances by `[serviceId, instanceId]`, two HGETALLs each in one pipeline; vanished ones are skipped. */
  async #readInstances(refs) {
    const replies = await this.pipeline((p) => {
      for (const [svc, id] of refs) p.hgetall(this.keys.instance(svc, id)).hgetall(this.keys.attributes(svc, id));
    });
    return refs.flatMap((_, i) => instanceFromHash(replies[2 * i], replies[2 * i + 1]) ?? []);
  }
};
function cjsonArray(x) {
  return Array.isArray(x) ? x : [];
}
function decodeInstances(json) {
  const reply = JSON.parse(json);
  const out = [];
  for (let i = 0; i + 1 < reply.length; i += 2) {
    const inst = instanceFromValues(cjsonArray(reply[i]), cjsonArray(reply[i + 1]));
    if (inst) out.push(inst);
  }
  return out;
}

// src/store/redis/redis-store.ts
var NAMESPACE_MUTABLE = ["description", "soaTtl", "hostedZoneId"];
var SERVICE_MUTABLE = ["description", "dnsRecords", "healthCheckType", "healthCheckResourcePath", "healthCheckFailureThreshold"];
var UPDATE_ATTEMPTS = 8;
var DAY_MS = 864e5;
var RedisStore = class extends RedisReads {
  kind = "redis";
  #ownsClient;
  #subscriptions = /* @__PURE__ */ new Set();
  #o;
  constructor(options = {}) {
    const {
      url = "redis://127.0.0.1:6379",
      target,
      redis,
      prefix,
      streamMaxLength = 1e5,
      streamTrim = "approximate",
      operationRetentionMs = 7 * DAY_MS,
      connectTimeoutMs = 3e3,
      commandTimeoutMs = 3e3,
      blockMs = 5e3,
      retryDelayMs = { min: 100, max: 5e3 },
      maxOperations = 1e5,
      requestRetentionMs = 36e5
    } = options;
    const client = redis ?? createRedisClient(target ?? targetFromUrl(url), commandConnectionOptions({ connectTimeoutMs, commandTimeoutMs }));
    super(client, new RedisKeys(prefix), operationRetentionMs, connectTimeoutMs);
    this.#o = {
      streamMaxLength,
      streamTrim,
      operationRetentionMs,
      connectTimeoutMs,
      commandTimeoutMs,
      blockMs,
      retryDelayMs,
      maxOperations,
      requestRetentionMs
    };
    this.#ownsClient = !redis;
    if (!redis) client.on("error", () => {
    });
    defineScripts(client);
  }
  async createNamespace(namespace, operation, tags, request) {
    const k = this.keys;
    const stored = structuredClone(namespace);
    delete stored.serviceCount;
    const [revision] = await this.#write(
      "createNamespace",
      { name: namespace.name, requestKey: request?.key },
      [
        k.namespace(stored.id),
        k.namespaces,
        k.namespaceNames,
        k.tags(stored.arn),
        k.revision,
        k.events,
        k.operation(operation.id),
        k.operations,
        k.request(request?.key ?? "")
      ],
      [
        ...this.#operationArgs(operation),
        stored.id,
        stored.name.toLowerCase(),
        eventData(stored),
        ...counted(namespaceFields(stored)),
        ...counted(tagFields(tags)),
        ...counted(operationFields(operation)),
        ...this.#requestArgs(request)
      ]
    );
    return { type: "NamespaceUpserted", revision, namespace: stored };
  }
  async deleteNamespace(id, operation) {
    const k = this.keys;
    const [name, arn2] = await this.call(() => this.redis.hmget(k.namespace(id), "name", "arn"));
    const [revision] = await this.#write(
      "deleteNamespace",
      { namespaceId: id },
      [
        k.namespace(id),
        k.namespaces,
        k.namespaceNames,
        k.servicesOf(id),
        k.serviceNames(id),
        k.tags(arn2 ?? ""),
        k.revision,
        k.events,
        k.operation(operation.id),
        k.operations
      ],
      [...this.#operationArgs(operation), id, (name ?? "").toLowerCase(), ...counted(operationFields(operation))]
    );
    return { type: "NamespaceDeleted", revision, namespaceId: id };
  }
  async updateNamespace(id, change, operation, request) {
    const ctx = { namespaceId: id, requestKey: request?.key };
    return this.#update(ctx, ScriptCode.NamespaceNotFound, operation, this.keys.namespace(id), NAMESPACE_MUTABLE, request, async () => {
      const current = await this.getNamespace(id);
      if (!current) throw errors.namespaceNotFound(id);
      delete current.serviceCount;
      const updated = { ...current };
      if (change.description !== void 0) updated.description = change.description;
      if (change.soaTtl !== void 0) updated.soaTtl = change.soaTtl;
      if (change.hostedZoneId !== void 0) updated.hostedZoneId = change.hostedZoneId;
      return {
        before: namespaceFields(current),
        after: namespaceFields(updated),
        eventFields: ["type", "NamespaceUpserted", "namespaceId", id],
        data: eventData(updated),
        appendField: "",
        event: (revision) => ({ type: "NamespaceUpserted", revision, namespace: updated })
      };
    });
  }
  async createService(service, tags, request) {
    const k = this.keys;
    const stored = structuredClone(service);
    delete stored.instanceCount;
    const [revision] = await this.#write(
      "createService",
      { namespaceId: stored.namespaceId, name: stored.name, requestKey: request?.key },
      [
        k.namespace(stored.namespaceId),
        k.service(stored.id),
        k.services,
        k.servicesOf(stored.namespaceId),
        k.serviceNames(stored.namespaceId),
        k.tags(stored.arn),
        k.revision,
        k.events,
        k.request(request?.key ?? "")
      ],
      [
        ...this.#commonArgs(),
        stored.id,
        stored.name.toLowerCase(),
        stored.namespaceId,
        eventData(stored, "instancesRevision"),
        ...counted(serviceFields(stored)),
        ...counted(tagFields(tags)),
        ...this.#requestArgs(request)
      ]
    );
    stored.instancesRevision = revision;
    return { type: "ServiceUpserted", revision, service: stored };
  }
  async deleteService(id) {
    const k = this.keys;
    const [nsId, name, arn2] = await this.call(() => this.redis.hmget(k.service(id), "namespaceId", "name", "arn"));
    const namespaceId = nsId ?? "";
    const [revision] = await this.#write(
      "deleteService",
      { serviceId: id },
      [
        k.service(id),
        k.services,
        k.servicesOf(namespaceId),
        k.serviceNames(namespaceId),
        k.instancesOf(id),
        k.tags(arn2 ?? ""),
        k.revision,
        k.events,
        k.serviceAttributes(id)
      ],
      [...this.#commonArgs(), id, (name ?? "").toLowerCase(), namespaceId]
    );
    return { type: "ServiceDeleted", revision, namespaceId, serviceId: id };
  }
  async updateService(id, change, operation) {
    const ctx = { serviceId: id };
    return this.#update(ctx, ScriptCode.ServiceNotFound, operation, this.keys.service(id), SERVICE_MUTABLE, void 0, async () => {
      const current = await this.getService(id);
      if (!current) throw errors.serviceNotFound(id);
      delete current.instanceCount;
      const updated = structuredClone(current);
      if (change.description !== void 0) updated.description = change.description;
      if (change.dnsRecords !== void 0) updated.dnsRecords = structuredClone(change.dnsRecords);
      if (change.healthCheckConfig === null) delete updated.healthCheckConfig;
      else if (change.healthCheckConfig !== void 0) updated.healthCheckConfig = structuredClone(change.healthCheckConfig);
      return {
        before: serviceFields(current),
        after: serviceFields(updated),
        eventFields: ["type", "ServiceUpserted", "namespaceId", current.namespaceId, "serviceId", id],
        data: eventData(updated, "instancesRevision"),
        appendField: "instancesRevision",
        // The script appends the instancesRevision current at write time, as it does to the event.
        event: (revision, instancesRevision) => ({ type: "ServiceUpserted", revision, service: { ...updated, instancesRevision } })
      };
    });
  }
  async getServiceAttributes(serviceId) {
    const [exists, attrs] = await this.pipeline((p) => p.exists(this.keys.service(serviceId)).hgetall(this.keys.serviceAttributes(serviceId)));
    if (exists === 0) throw errors.serviceNotFound(serviceId);
    return { ...attrs };
  }
  async updateServiceAttributes(serviceId, attributes, max) {
    const k = this.keys;
    await this.#write(
      "updateServiceAttributes",
      { serviceId, max },
      [k.service(serviceId), k.serviceAttributes(serviceId)],
      [max, ...counted(Object.entries(attributes).flat())]
    );
  }
  async deleteServiceAttributes(serviceId, keys) {
    const k = this.keys;
    await this.#write("deleteServiceAttributes", { serviceId }, [k.service(serviceId), k.serviceAttributes(serviceId)], [...keys]);
  }
  async tagResource(resource, tags, max) {
    await this.#write(
      "tagResource",
      { resourceArn: resource.arn, max },
      [this.#resourceKey(resource), this.keys.tags(resource.arn)],
      [resource.arn, max, ...counted(tagFields(tags))]
    );
  }
  async untagResource(resource, keys) {
    await this.#write(
      "untagResource",
      { resourceArn: resource.arn },
      [this.#resourceKey(resource), this.keys.tags(resource.arn)],
      [resource.arn, ...keys]
    );
  }
  #resourceKey(resource) {
    return resource.kind === "namespace" ? this.keys.namespace(resource.id) : this.keys.service(resource.id);
  }
  async registerInstance(instance, operation, request) {
    const k = this.keys;
    const stored = structuredClone(instance);
    const [revision, createDate] = await this.#write(
      "registerInstance",
      { serviceId: stored.serviceId, instanceId: stored.id, requestKey: request?.key },
      [
        k.service(stored.serviceId),
        k.instancesOf(stored.serviceId),
        k.instance(stored.serviceId, stored.id),
        k.attributes(stored.serviceId, stored.id),
        k.revision,
        k.events,
        k.operation(operation.id),
        k.operations,
        k.request(request?.key ?? ""),
        k.serviceHosts(stored.serviceId)
      ],
      [
        ...this.#operationArgs(operation),
        stored.id,
        stored.serviceId,
        eventData(stored, "createDate"),
        String(stored.createDate),
        stored.id.toLowerCase(),
        ...counted(instanceFields(stored)),
        ...counted(Object.entries(stored.attributes).flat()),
        ...counted(operationFields(operation)),
        ...this.#requestArgs(request)
      ]
    );
    stored.createDate = Number(createDate);
    return { type: "InstanceUpserted", revision, instance: stored };
  }
  async deregisterInstance(serviceId, instanceId, operation) {
    const k = this.keys;
    const [revision] = await this.#write(
      "deregisterInstance",
      { serviceId, instanceId },
      [
        k.service(serviceId),
        k.instancesOf(serviceId),
        k.instance(serviceId, instanceId),
        k.attributes(serviceId, instanceId),
        k.revision,
        k.events,
        k.operation(operation.id),
        k.operations,
        k.serviceHosts(serviceId)
      ],
      [...this.#operationArgs(operation), instanceId, serviceId, instanceId.toLowerCase(), ...counted(operationFields(operation))]
    );
    return { type: "InstanceDeleted", revision, serviceId, instanceId };
  }
  async setInstanceHealth(serviceId, instanceId, status, updateDate) {
    const k = this.keys;
    const [revision] = await this.#write(
      "setInstanceHealth",
      { serviceId, instanceId },
      [k.service(serviceId), k.instance(serviceId, instanceId), k.revision, k.events],
      [...this.#commonArgs(), instanceId, serviceId, status, updateDate]
    );
    if (revision === 0) return void 0;
    return { type: "InstanceHealthChanged", revision, serviceId, instanceId, healthStatus: status, updateDate };
  }
  subscribe(after, listener) {
    const { blockMs, connectTimeoutMs, retryDelayMs } = this.#o;
    const inner = followStream({
      streamKey: this.keys.events,
      revisionKey: this.keys.revision,
      epochKey: this.keys.epoch,
      after,
      listener,
      blockMs,
      batch: 1e3,
      retryMinMs: retryDelayMs.min,
      retryMaxMs: retryDelayMs.max,
      connect: () => followerConnection(this.redis, blockMs, connectTimeoutMs)
    });
    const subscription = {
      close: async () => {
        this.#subscriptions.delete(subscription);
        await inner.close();
      }
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }
  async close() {
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    if (this.#ownsClient) this.redis.disconnect();
  }
  /** ARGV[1..3] of every script: key base, stream max length, trim mode. */
  #commonArgs() {
    return [this.keys.base, this.#o.streamMaxLength, this.#o.streamTrim === "exact" ? "=" : "~"];
  }
  /** ARGV[1..8] of scripts that record an operation (see lua/includes/common.lua). */
  #operationArgs(op) {
    const retention = this.#o.operationRetentionMs;
    return [...this.#commonArgs(), op.id, op.createDate, retention, Date.now() - retention, this.#o.maxOperations];
  }
  /** The request block that ends the ARGV of scripts taking an idempotency token (lua/includes/common.lua). */
  #requestArgs(request) {
    return [this.#o.requestRetentionMs, ...counted(request ? requestFields(request) : [])];
  }
  async #write(name, ctx, keys, args) {
    return this.call(() => runWrite(this.redis, name, keys, args, ctx));
  }
  /**
   * Read, change, compare-and-set (`updateRecord-5.lua`): `plan` reads the
   * record and returns its hash fields before and after the change; the
   * script writes the changed `mutable` fields only if they still hold what
   * was read, else the whole plan runs again.
   */
  async #update(ctx, notFound, operation, key, mutable, request, plan) {
    for (let attempt2 = 1; ; attempt2++) {
      const p = await plan();
      const before = fieldMap(p.before);
      const after = fieldMap(p.after);
      const compare = mutable.flatMap((f) => [f, before[f] === void 0 ? "0" : `1${before[f]}`]);
      const set = mutable.flatMap((f) => after[f] !== void 0 && after[f] !== before[f] ? [f, after[f]] : []);
      const del = mutable.filter((f) => after[f] === void 0 && before[f] !== void 0);
      const k = this.keys;
      try {
        const [revision, appended] = await this.#write(
          "updateRecord",
          ctx,
          [key, k.revision, k.events, k.operation(operation.id), k.operations, k.request(request?.key ?? "")],
          [
            ...this.#operationArgs(operation),
            notFound,
            p.data,
            p.appendField,
            ...counted(p.eventFields),
            mutable.length,
            ...compare,
            ...counted(set),
            del.length,
            ...del,
            ...counted(operationFields(operation)),
            ...this.#requestArgs(request)
          ]
        );
        return p.event(revision, Number(appended));
      } catch (error) {
        const conflict = error instanceof CloudMapError && error.type === "RequestLimitExceeded";
        if (!conflict || attempt2 >= UPDATE_ATTEMPTS) throw error;
      }
    }
  }
};
function fieldMap(list) {
  const map = {};
  for (let i = 0; i + 1 < list.length; i += 2) map[list[i]] = list[i + 1];
  return map;
}
function counted(list) {
  return [list.length / 2, ...list];
}

// src/store/memory/memory-store.ts
function clone(value) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(clone);
  const out = {};
  for (const key in value) out[key] = clone(value[key]);
  return out;
}
var lower = (name) => name.toLowerCase();
var MemoryStore = class {
  kind = "memory";
  #revision = 0;
  #namespaces = /* @__PURE__ */ new Map();
  #namespaceByName = /* @__PURE__ */ new Map();
  #services = /* @__PURE__ */ new Map();
  /** `<namespaceId>\n<lowercase name>` → service id. */
  #serviceByName = /* @__PURE__ */ new Map();
  #servicesOfNamespace = /* @__PURE__ */ new Map();
  #instances = /* @__PURE__ */ new Map();
  #operations = /* @__PURE__ */ new Map();
  #tags = /* @__PURE__ */ new Map();
  /** Service id → lowercase instance id → instance id, for services with an SRV record (DNS host labels). */
  #hostOwners = /* @__PURE__ */ new Map();
  /** Service id → its service attributes. */
  #serviceAttributes = /* @__PURE__ */ new Map();
  /** The change log: the events kept are `#log[#logStart..]`, oldest first (trimmed entries before it are dropped in bulk). */
  #log = [];
  #logStart = 0;
  #subscribers = /* @__PURE__ */ new Set();
  #eventLogSize;
  #operationRetentionMs;
  #maxOperations;
  /** Request key → record and when it was stored (epoch ms), oldest first. */
  #requests = /* @__PURE__ */ new Map();
  #requestRetentionMs;
  #maxRequests;
  #now;
  constructor({
    eventLogSize = 1e4,
    operationRetentionMs = 7 * 24 * 3600 * 1e3,
    maxOperations = 1e5,
    requestRetentionMs = 3600 * 1e3,
    maxRequests = 1e5,
    now = Date.now
  } = {}) {
    this.#eventLogSize = eventLogSize;
    this.#operationRetentionMs = operationRetentionMs;
    this.#maxOperations = maxOperations;
    this.#requestRetentionMs = requestRetentionMs;
    this.#maxRequests = maxRequests;
    this.#now = now;
  }
  async createNamespace(namespace, operation, tags, request) {
    this.#checkRequest(request);
    const existingId = this.#namespaceByName.get(lower(namespace.name));
    if (existingId !== void 0) {
      const existing = this.#namespaces.get(existingId);
      throw errors.namespaceAlreadyExists(namespace.name, existing.id, existing.creatorRequestId);
    }
    const stored = clone(namespace);
    delete stored.serviceCount;
    this.#namespaces.set(stored.id, stored);
    this.#namespaceByName.set(lower(stored.name), stored.id);
    this.#servicesOfNamespace.set(stored.id, /* @__PURE__ */ new Set());
    this.#putTags(stored.arn, tags);
    this.#recordOperation(operation);
    this.#recordRequest(request);
    return this.#emit({ type: "NamespaceUpserted", revision: 0, namespace: clone(stored) });
  }
  async getNamespace(id) {
    const ns = this.#namespaces.get(id);
    return ns && { ...clone(ns), serviceCount: this.#servicesOfNamespace.get(id)?.size ?? 0 };
  }
  async listNamespaces() {
    return [...this.#namespaces.keys()].map((id) => ({
      ...clone(this.#namespaces.get(id)),
      serviceCount: this.#servicesOfNamespace.get(id)?.size ?? 0
    }));
  }
  async deleteNamespace(id, operation) {
    const ns = this.#namespaces.get(id);
    if (!ns) throw errors.namespaceNotFound(id);
    if ((this.#servicesOfNamespace.get(id)?.size ?? 0) > 0) {
      throw errors.resourceInUse(`Namespace ${id} has services; delete them first`);
    }
    this.#namespaces.delete(id);
    this.#namespaceByName.delete(lower(ns.name));
    this.#servicesOfNamespace.delete(id);
    this.#tags.delete(ns.arn);
    this.#recordOperation(operation);
    return this.#emit({ type: "NamespaceDeleted", revision: 0, namespaceId: id });
  }
  async updateNamespace(id, change, operation, request) {
    this.#checkRequest(request);
    const ns = this.#namespaces.get(id);
    if (!ns) throw errors.namespaceNotFound(id);
    const updated = { ...ns };
    if (change.description !== void 0) updated.description = change.description;
    if (change.soaTtl !== void 0) updated.soaTtl = change.soaTtl;
    if (change.hostedZoneId !== void 0) updated.hostedZoneId = change.hostedZoneId;
    this.#namespaces.set(id, updated);
    this.#recordOperation(operation);
    this.#recordRequest(request);
    return this.#emit({ type: "NamespaceUpserted", revision: 0, namespace: clone(updated) });
  }
  async createService(service, tags, request) {
    this.#checkRequest(request);
    const services = this.#servicesOfNamespace.get(service.namespaceId);
    if (!services) throw errors.namespaceNotFound(service.namespaceId);
    const nameKey = `${service.namespaceId}
${lower(service.name)}`;
    const existingId = this.#serviceByName.get(nameKey);
    if (existingId !== void 0) {
      const existing = this.#services.get(existingId);
      throw errors.serviceAlreadyExists(service.name, existing.id, existing.arn, existing.creatorRequestId);
    }
    const stored = clone(service);
    delete stored.instanceCount;
    stored.instancesRevision = this.#revision + 1;
    this.#services.set(stored.id, stored);
    this.#serviceByName.set(nameKey, stored.id);
    services.add(stored.id);
    this.#instances.set(stored.id, /* @__PURE__ */ new Map());
    this.#putTags(stored.arn, tags);
    this.#recordRequest(request);
    return this.#emit({ type: "ServiceUpserted", revision: 0, service: clone(stored) });
  }
  async getService(id) {
    const svc = this.#services.get(id);
    return svc && { ...clone(svc), instanceCount: this.#instances.get(id)?.size ?? 0 };
  }
  async listServices() {
    return [...this.#services.keys()].map((id) => ({
      ...clone(this.#services.get(id)),
      instanceCount: this.#instances.get(id)?.size ?? 0
    }));
  }
  async deleteService(id) {
    const svc = this.#services.get(id);
    if (!svc) throw errors.serviceNotFound(id);
    if ((this.#instances.get(id)?.size ?? 0) > 0) {
      throw errors.resourceInUse(`Service ${id} has registered instances; deregister them first`);
    }
    this.#services.delete(id);
    this.#serviceByName.delete(`${svc.namespaceId}
${lower(svc.name)}`);
    this.#servicesOfNamespace.get(svc.namespaceId)?.delete(id);
    this.#instances.delete(id);
    this.#tags.delete(svc.arn);
    this.#serviceAttributes.delete(id);
    this.#hostOwners.delete(id);
    return this.#emit({ type: "ServiceDeleted", revision: 0, namespaceId: svc.namespaceId, serviceId: id });
  }
  async updateService(id, change, operation) {
    const svc = this.#services.get(id);
    if (!svc) throw errors.serviceNotFound(id);
    const updated = clone(svc);
    if (change.description !== void 0) updated.description = change.description;
    if (change.dnsRecords !== void 0) updated.dnsRecords = clone(change.dnsRecords);
    if (change.healthCheckConfig === null) delete updated.healthCheckConfig;
    else if (change.healthCheckConfig !== void 0) updated.healthCheckConfig = clone(change.healthCheckConfig);
    this.#services.set(id, updated);
    this.#recordOperation(operation);
    return this.#emit({ type: "ServiceUpserted", revision: 0, service: clone(updated) });
  }
  async getServiceAttributes(serviceId) {
    if (!this.#services.has(serviceId)) throw errors.serviceNotFound(serviceId);
    return { ...this.#serviceAttributes.get(serviceId) ?? {} };
  }
  async updateServiceAttributes(serviceId, attributes, max) {
    if (!this.#services.has(serviceId)) throw errors.serviceNotFound(serviceId);
    const merged = { ...this.#serviceAttributes.get(serviceId) ?? {}, ...attributes };
    const count2 = Object.keys(merged).length;
    if (count2 > max) throw errors.serviceAttributesLimit(serviceId, count2, max);
    this.#serviceAttributes.set(serviceId, merged);
  }
  async deleteServiceAttributes(serviceId, keys) {
    if (!this.#services.has(serviceId)) throw errors.serviceNotFound(serviceId);
    const attrs = this.#serviceAttributes.get(serviceId);
    for (const key of keys) delete attrs?.[key];
  }
  async registerInstance(instance, operation, request) {
    this.#checkRequest(request);
    const svc = this.#services.get(instance.serviceId);
    const instances = this.#instances.get(instance.serviceId);
    if (!svc || !instances) throw errors.serviceNotFound(instance.serviceId);
    const hosts = svc.dnsRecords?.some((r) => r.type === "SRV") ? this.#hostsOf(svc.id) : void 0;
    const owner = hosts?.get(instance.id.toLowerCase());
    if (owner !== void 0 && owner !== instance.id) throw errors.hostNameTaken(instance.id, owner);
    hosts?.set(instance.id.toLowerCase(), instance.id);
    const stored = clone(instance);
    const existing = instances.get(instance.id);
    if (existing) stored.createDate = existing.createDate;
    instances.set(stored.id, stored);
    svc.instancesRevision = this.#revision + 1;
    this.#recordOperation(operation);
    this.#recordRequest(request);
    return this.#emit({ type: "InstanceUpserted", revision: 0, instance: clone(stored) });
  }
  async deregisterInstance(serviceId, instanceId, operation) {
    const svc = this.#services.get(serviceId);
    const instances = this.#instances.get(serviceId);
    if (!svc || !instances) throw errors.serviceNotFound(serviceId);
    if (!instances.delete(instanceId)) throw errors.instanceNotFound(serviceId, instanceId);
    const hosts = this.#hostOwners.get(serviceId);
    if (hosts?.get(instanceId.toLowerCase()) === instanceId) hosts.delete(instanceId.toLowerCase());
    svc.instancesRevision = this.#revision + 1;
    this.#recordOperation(operation);
    return this.#emit({ type: "InstanceDeleted", revision: 0, serviceId, instanceId });
  }
  async setInstanceHealth(serviceId, instanceId, status, updateDate) {
    const instances = this.#instances.get(serviceId);
    if (!instances) throw errors.serviceNotFound(serviceId);
    const inst = instances.get(instanceId);
    if (!inst) throw errors.instanceNotFound(serviceId, instanceId);
    if (inst.healthStatus === status) return void 0;
    instances.set(instanceId, { ...inst, healthStatus: status, updateDate });
    return this.#emit({ type: "InstanceHealthChanged", revision: 0, serviceId, instanceId, healthStatus: status, updateDate });
  }
  async getInstance(serviceId, instanceId) {
    const inst = this.#instances.get(serviceId)?.get(instanceId);
    return inst && clone(inst);
  }
  async listInstances(serviceId) {
    const instances = this.#instances.get(serviceId);
    if (!instances) throw errors.serviceNotFound(serviceId);
    return [...instances.values()].map(clone);
  }
  async getOperation(id) {
    const op = this.#operations.get(id);
    return op && clone(op);
  }
  async listOperations() {
    return [...this.#operations.values()].map(clone);
  }
  async getTags(arn2) {
    return { ...this.#tags.get(arn2) ?? {} };
  }
  async tagResource(resource, tags, max) {
    this.#resourceOrThrow(resource);
    const merged = { ...this.#tags.get(resource.arn) ?? {}, ...tags };
    const count2 = Object.keys(merged).length;
    if (count2 > max) throw errors.tooManyTags(resource.arn, count2, max);
    this.#tags.set(resource.arn, merged);
  }
  async untagResource(resource, keys) {
    this.#resourceOrThrow(resource);
    const tags = this.#tags.get(resource.arn);
    for (const key of keys) delete tags?.[key];
  }
  #hostsOf(serviceId) {
    let hosts = this.#hostOwners.get(serviceId);
    if (!hosts) this.#hostOwners.set(serviceId, hosts = /* @__PURE__ */ new Map());
    return hosts;
  }
  /** @throws ResourceNotFoundException unless a namespace/service with this id has exactly this ARN */
  #resourceOrThrow(resource) {
    const record = resource.kind === "namespace" ? this.#namespaces.get(resource.id) : this.#services.get(resource.id);
    if (!record || record.arn !== resource.arn) throw errors.resourceNotFound(resource.arn);
  }
  async revision() {
    return this.#revision;
  }
  async snapshot() {
    return {
      revision: this.#revision,
      namespaces: [...this.#namespaces.values()].map(clone),
      services: [...this.#services.values()].map(clone),
      instances: [...this.#instances.values()].flatMap((m) => [...m.values()].map(clone))
    };
  }
  subscribe(after, listener) {
    const oldest = this.#log[this.#logStart]?.revision ?? this.#revision + 1;
    if (after + 1 < oldest && after < this.#revision) {
      queueMicrotask(() => listener.onGap());
      return { close: async () => {
      } };
    }
    const subscriber = { listener, last: after };
    queueMicrotask(() => {
      if (subscriber.closed) return;
      this.#deliver(subscriber, this.#log.slice(this.#logStart));
      this.#subscribers.add(subscriber);
    });
    return {
      close: async () => {
        subscriber.closed = true;
        this.#subscribers.delete(subscriber);
      }
    };
  }
  async close() {
    this.#subscribers.clear();
  }
  /**
   * Stores an operation and drops those created before the retention window
   * and the oldest beyond `maxOperations` (oldest first: Map keeps insertion order).
   */
  #recordOperation(operation) {
    const cutoff = this.#now() - this.#operationRetentionMs;
    for (const [id, op] of this.#operations) {
      if (op.createDate >= cutoff && this.#operations.size < this.#maxOperations) break;
      this.#operations.delete(id);
    }
    this.#operations.set(operation.id, clone(operation));
  }
  /** @throws RequestAlreadyApplied when the request key holds a record still within the retention */
  #checkRequest(request) {
    if (!request) return;
    const prior = this.#requests.get(request.key);
    if (prior && prior.at >= this.#now() - this.#requestRetentionMs) throw new RequestAlreadyApplied({ ...prior.record });
  }
  /** Stores an idempotency record, dropping expired ones and the oldest beyond `maxRequests`. */
  #recordRequest(request) {
    if (!request) return;
    const now = this.#now();
    for (const [key, entry] of this.#requests) {
      if (entry.at >= now - this.#requestRetentionMs && this.#requests.size < this.#maxRequests) break;
      this.#requests.delete(key);
    }
    this.#requests.delete(request.key);
    this.#requests.set(request.key, { record: { ...request }, at: now });
  }
  #putTags(arn2, tags) {
    if (tags && Object.keys(tags).length > 0) this.#tags.set(arn2, { ...tags });
  }
  /** Assigns the next revision, appends to the log and schedules delivery; returns the event. */
  #emit(event) {
    event.revision = ++this.#revision;
    this.#log.push(event);
    if (this.#log.length - this.#logStart > this.#eventLogSize) this.#logStart = this.#log.length - this.#eventLogSize;
    if (this.#logStart >= this.#eventLogSize) {
      this.#log.splice(0, this.#logStart);
      this.#logStart = 0;
    }
    queueMicrotask(() => {
      for (const subscriber of this.#subscribers) this.#deliver(subscriber, [event]);
    });
    return clone(event);
  }
  /** Hands `events` newer than the subscriber's position to it, keeping revisions consecutive and unique. */
  #deliver(subscriber, events) {
    const fresh = events.filter((e) => e.revision > subscriber.last);
    if (fresh.length === 0) return;
    subscriber.last = fresh[fresh.length - 1].revision;
    subscriber.listener.onEvents(fresh.map(clone));
  }
};

// src/store/redis/startup.ts
import { Cluster as Cluster2 } from "ioredis";
var PERMANENT = /^(NOAUTH|WRONGPASS|NOPERM|ERR invalid password|ERR AUTH|ERR Client sent AUTH)/;
var PERMANENT_TLS = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID|CERT_SIGNATURE_FAILURE|ERR_SSL_)/;
function describeCause(error) {
  const code = String(error.code ?? "");
  if (/ALERT_CERTIFICATE_REQUIRED/.test(code) || /alert certificate required/.test(error.message)) {
    return "TLS: the Redis server requires a client certificate (--redis-tls-cert and --redis-tls-key)";
  }
  if (/ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN)/.test(code)) return `TLS: the Redis server refused our client certificate (${code})`;
  if (/WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG/.test(code)) return `TLS: no TLS server at this address (a plain Redis port? use redis:// there) (${code})`;
  if (PERMANENT_TLS.test(code) && !code.startsWith("ERR_SSL_")) {
    return `TLS: ${error.message} (the Redis server certificate does not verify against --redis-tls-ca or the system CAs)`;
  }
  return error.message;
}
function isPermanent(error) {
  return PERMANENT.test(error.message) || PERMANENT_TLS.test(String(error.code ?? ""));
}
async function waitForRedis(targetOrUrl, timeoutMs, options = {}) {
  const target = typeof targetOrUrl === "string" ? targetFromUrl(targetOrUrl) : targetOrUrl;
  const { retryDelayMs = 250, onRetry } = options;
  const deadline = Date.now() + timeoutMs;
  const seconds3 = `${timeoutMs / 1e3} s`;
  let cause = `no reply within ${seconds3}`;
  for (; ; ) {
    const left = deadline - Date.now();
    const result = await attempt(target, left, options.probeKey);
    if (result.ok) return;
    cause = result.cause;
    if (result.permanent) break;
    if (Date.now() + retryDelayMs >= deadline) {
      cause = `${cause} (still failing after ${seconds3}, --redis-connect-timeout)`;
      break;
    }
    onRetry?.(cause);
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
  }
  throw new Error(`cannot use Redis at ${describeRedisTarget(target)}: ${cause}`);
}
async function attempt(target, timeoutMs, probeKey) {
  let redis;
  try {
    redis = createRedisClient(target, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: Math.max(1, timeoutMs),
      connectionName: "cloudmap-startup-check"
    }, { sentinelRetryStrategy: () => null });
  } catch (error) {
    return { ok: false, cause: error.message, permanent: true };
  }
  let lastError;
  redis.on("error", (error) => lastError = error);
  if (redis instanceof Cluster2) redis.on("node error", (error, node) => lastError = new Error(`${node}: ${error.message}`, { cause: error }));
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, cause: lastError?.message ?? `no reply within ${Math.round(timeoutMs) / 1e3} s`, permanent: false }), Math.max(1, timeoutMs));
  });
  const tried = (async () => {
    try {
      await redis.connect();
      await redis.ping();
      if (probeKey !== void 0) {
        try {
          await redis.exists(probeKey);
        } catch (error) {
          const message = error.message;
          if (/^NOPERM/.test(message)) return { ok: false, cause: `${message} (the ACL user needs read and write access to keys ${JSON.stringify(probeKey.replace(/[^:]*$/, "*"))})`, permanent: true };
          throw error;
        }
      }
      return { ok: true };
    } catch (error) {
      const e = lastError && /^(Connection is closed\.|None of startup nodes is available)/.test(error.message) ? lastError : error;
      const root = e.cause instanceof Error ? e.cause : e;
      if (target.mode === "sentinel") {
        if (/No such master with that name/.test(e.message)) {
          return { ok: false, cause: `no Sentinel knows a master named ${JSON.stringify(target.masterName)} (--redis-master-name; SENTINEL MASTERS lists the names)`, permanent: true };
        }
        const last = /Last error: (.*)$/.exec(e.message)?.[1];
        if (/^All sentinels are unreachable/.test(e.message)) return { ok: false, cause: `no Sentinel answered${last && last !== "Connection is closed." ? ` (last error: ${last})` : ""}`, permanent: false };
      }
      return { ok: false, cause: root === e ? describeCause(e) : e.message, permanent: isPermanent(root) };
    }
  })();
  try {
    return await Promise.race([tried, timedOut]);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}

// src/store/create.ts
function redisTargetOf(config) {
  return config.redis ?? (config.redisUrl ? targetFromUrl(config.redisUrl) : void 0);
}
function createStore(config) {
  const target = redisTargetOf(config);
  return target ? new RedisStore({ target, prefix: config.redisPrefix }) : new MemoryStore();
}
async function openStore(config, logger) {
  const target = redisTargetOf(config);
  if (target) {
    const redis = describeRedisTarget(target);
    await waitForRedis(target, config.redisConnectTimeoutMs, {
      probeKey: new RedisKeys(config.redisPrefix).revision,
      onRetry: (cause) => logger.debug({ redis, err: cause }, "Redis not reachable yet; retrying")
    });
  }
  return createStore({ ...config, ...target && { redis: target } });
}

// src/logger.ts
import { pino } from "pino";
var LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];
function parseLogLevel(level) {
  if (LOG_LEVELS.includes(level)) return level;
  throw new Error(`--log-level (or LOG_LEVEL) must be one of ${LOG_LEVELS.join(", ")}; got ${JSON.stringify(level)}`);
}
var BATCH_BYTES = 8 * 1024;
var BATCH_MS = 50;
function batchedStdout() {
  const stdout = pino.destination({ dest: 1, sync: false, minLength: BATCH_BYTES });
  let timer;
  const flush = () => {
    timer = void 0;
    try {
      stdout.flush();
    } catch {
    }
  };
  return {
    write(line) {
      stdout.write(line);
      if (timer === void 0) {
        timer = setTimeout(flush, BATCH_MS);
        timer.unref?.();
      }
    }
  };
}
function createLogger(level) {
  const options = { name: "cloudmap-dns", level: parseLogLevel(level), base: { pid: void 0, hostname: void 0 } };
  return pino(options, batchedStdout());
}

// src/model/ids.ts
var ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
var pool = new Uint8Array(4096);
var poolAt = pool.length;
function randomBase32(length) {
  let out = "";
  for (let i = 0; i < length; i++) {
    if (poolAt === pool.length) {
      crypto.getRandomValues(pool);
      poolAt = 0;
    }
    out += ALPHABET[pool[poolAt++] & 31];
  }
  return out;
}
var newNamespaceId = () => `ns-${randomBase32(16)}`;
var newServiceId = () => `srv-${randomBase32(16)}`;
var newOperationId = () => `${randomBase32(32)}-${randomBase32(8)}`;
var newHostedZoneId = () => `Z${randomBase32(20).toUpperCase()}`;
var PARTITIONS = [
  ["cn-", "aws-cn"],
  ["us-gov-", "aws-us-gov"],
  ["us-isob-", "aws-iso-b"],
  ["us-isof-", "aws-iso-f"],
  ["us-iso-", "aws-iso"],
  ["eu-isoe-", "aws-iso-e"],
  ["eusc-", "aws-eusc"]
];
function partitionOf(region) {
  return PARTITIONS.find(([prefix]) => region.startsWith(prefix))?.[1] ?? "aws";
}
function arn(region, account, kind, id) {
  return `arn:${partitionOf(region)}:servicediscovery:${region}:${account}:${kind}/${id}`;
}
function idFromIdOrArn(value) {
  if (!value.startsWith("arn:")) return value;
  const slash = value.lastIndexOf("/");
  return slash >= 0 ? value.slice(slash + 1) : value;
}

// src/model/types.ts
var ReservedAttributes = {
  IPV4: "AWS_INSTANCE_IPV4",
  IPV6: "AWS_INSTANCE_IPV6",
  PORT: "AWS_INSTANCE_PORT",
  CNAME: "AWS_INSTANCE_CNAME",
  INIT_HEALTH_STATUS: "AWS_INIT_HEALTH_STATUS",
  ALIAS_DNS_NAME: "AWS_ALIAS_DNS_NAME",
  EC2_INSTANCE_ID: "AWS_EC2_INSTANCE_ID"
};
function isDnsNamespace(ns) {
  return ns.type === "DNS_PRIVATE" || ns.type === "DNS_PUBLIC";
}

// src/ops/deps.ts
async function serviceForWrite(deps, idOrArn) {
  return deps.cachedService?.(idFromIdOrArn(idOrArn)) ?? serviceOrThrow(deps.store, idOrArn);
}
var nowOf = (deps) => (deps.now ?? Date.now)();
async function visible(deps, revision) {
  if (deps.awaitRevision) await deps.awaitRevision(revision);
}
function completedOperation(deps, type, targets, now = nowOf(deps)) {
  return { id: newOperationId(), type, status: "SUCCESS", ownerAccount: deps.accountId, createDate: now, updateDate: now, targets };
}
async function namespaceOrThrow(store, idOrArn) {
  const id = idFromIdOrArn(idOrArn);
  const ns = await store.getNamespace(id);
  if (!ns) throw errors.namespaceNotFound(id);
  return ns;
}
async function serviceOrThrow(store, idOrArn) {
  const id = idFromIdOrArn(idOrArn);
  const svc = await store.getService(id);
  if (!svc) throw errors.serviceNotFound(id);
  return svc;
}

// src/ops/idempotency.ts
function canonicalJson(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
function hash53(text, seed) {
  let h1 = 3735928559 ^ seed;
  let h2 = 1103547991 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ h1 >>> 16, 2246822507) ^ Math.imul(h2 ^ h2 >>> 13, 3266489909);
  h2 = Math.imul(h2 ^ h2 >>> 16, 2246822507) ^ Math.imul(h1 ^ h1 >>> 13, 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}
function fingerprint(content) {
  const text = canonicalJson(content);
  return hash53(text, 1) + hash53(text, 2);
}
function requestRecord(useCase, token, content, ids) {
  if (token === void 0 || token === "") return void 0;
  return { key: `${useCase}:${token}`, fingerprint: fingerprint(content), ...ids };
}
function duplicateRequest(record) {
  const token = record.key.slice(record.key.indexOf(":") + 1);
  return new CloudMapError(
    "DuplicateRequest",
    `The request token ${token} was already used by a different request`,
    record.operationId ? { DuplicateOperationId: record.operationId } : {}
  );
}
async function idempotently(request, write, replay, different = duplicateRequest) {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof RequestAlreadyApplied) || !request) throw error;
    if (error.record.fingerprint === request.fingerprint) return replay(error.record);
    throw different(error.record);
  }
}

// src/ops/tags.ts
var MAX_TAGS = 50;
function checkTagCount(tags, resourceName) {
  const count2 = tags ? Object.keys(tags).length : 0;
  if (count2 > MAX_TAGS) throw errors.tooManyTags(resourceName, count2, MAX_TAGS);
}
var ARN = /^arn:[^:]+:servicediscovery:[^:]*:[^:]*:(namespace|service)\/([^/]+)$/;
function resourceOf(arn2) {
  const match = ARN.exec(arn2);
  if (!match) throw errors.resourceNotFound(arn2);
  return { kind: match[1], id: match[2], arn: arn2 };
}
async function tagResource(deps, input) {
  const resource = resourceOf(input.resourceArn);
  checkTagCount(input.tags, input.resourceArn);
  await deps.store.tagResource(resource, input.tags, MAX_TAGS);
}
async function untagResource(deps, input) {
  await deps.store.untagResource(resourceOf(input.resourceArn), input.tagKeys);
}

// src/ops/namespaces.ts
var DEFAULT_SOA_TTL = 15;
var MAX_NAME_OCTETS = 253;
var MAX_LABEL_OCTETS = 63;
async function replayed(deps, operationId, namespaceId) {
  await visible(deps, await deps.store.revision());
  return { operationId: operationId ?? "", namespace: await deps.store.getNamespace(namespaceId) };
}
function checkZoneName(name) {
  const octets = new TextEncoder().encode(name).length;
  if (octets > MAX_NAME_OCTETS) throw errors.invalidInput(`Namespace name ${name} is longer than ${MAX_NAME_OCTETS} octets`);
  for (const label of name.split(".")) {
    if (label.length === 0) throw errors.invalidInput(`Namespace name ${name} has an empty label`);
    if (new TextEncoder().encode(label).length > MAX_LABEL_OCTETS) {
      throw errors.invalidInput(`Namespace name ${name} has a label longer than ${MAX_LABEL_OCTETS} octets`);
    }
  }
}
async function createNamespace(deps, input) {
  const dns = input.type !== "HTTP";
  const name = dns ? input.name.replace(/\.$/, "") : input.name;
  if (dns) checkZoneName(name);
  if (input.type === "DNS_PRIVATE" && !input.vpc) throw errors.invalidInput("Vpc is required for a private DNS namespace");
  if (!dns && input.soaTtl !== void 0) throw errors.invalidInput("An HTTP namespace has no SOA record");
  checkTagCount(input.tags, name);
  const now = nowOf(deps);
  const id = newNamespaceId();
  const namespace = {
    id,
    arn: arn(deps.region, deps.accountId, "namespace", id),
    name,
    type: input.type,
    createDate: now,
    httpName: name,
    resourceOwner: deps.accountId,
    ...input.description !== void 0 && { description: input.description },
    ...input.creatorRequestId !== void 0 && { creatorRequestId: input.creatorRequestId },
    ...input.type === "DNS_PRIVATE" && { vpc: input.vpc },
    ...dns && { soaTtl: input.soaTtl ?? DEFAULT_SOA_TTL, hostedZoneId: newHostedZoneId() }
  };
  const operation = completedOperation(deps, "CREATE_NAMESPACE", { NAMESPACE: id }, now);
  const content = { type: input.type, name, description: input.description, vpc: namespace.vpc, soaTtl: namespace.soaTtl, tags: input.tags };
  const request = requestRecord("CreateNamespace", input.creatorRequestId, content, { resourceId: id, operationId: operation.id });
  return idempotently(request, async () => {
    const event = await deps.store.createNamespace(namespace, operation, input.tags, request);
    await visible(deps, event.revision);
    return { operationId: operation.id, namespace: event.namespace };
  }, (original) => replayed(deps, original.operationId, original.resourceId));
}
async function deleteNamespace(deps, input) {
  const ns = await namespaceOrThrow(deps.store, input.namespaceId);
  const operation = completedOperation(deps, "DELETE_NAMESPACE", { NAMESPACE: ns.id });
  const event = await deps.store.deleteNamespace(ns.id, operation);
  await visible(deps, event.revision);
  return { operationId: operation.id };
}
var UPDATE_OPERATION = {
  HTTP: "UpdateHttpNamespace",
  DNS_PRIVATE: "UpdatePrivateDnsNamespace",
  DNS_PUBLIC: "UpdatePublicDnsNamespace"
};
async function updateNamespace(deps, input) {
  const ns = await namespaceOrThrow(deps.store, input.namespaceId);
  if (ns.type !== input.type) {
    throw errors.invalidInput(`Namespace ${ns.id} is of type ${ns.type}; update it with ${UPDATE_OPERATION[ns.type]}`);
  }
  if (input.soaTtl !== void 0 && !isDnsNamespace(ns)) throw errors.invalidInput("An HTTP namespace has no SOA record");
  const operation = completedOperation(deps, "UPDATE_NAMESPACE", { NAMESPACE: ns.id });
  const change = {
    ...input.description !== void 0 && { description: input.description },
    ...input.soaTtl !== void 0 && { soaTtl: input.soaTtl }
  };
  const request = requestRecord("UpdateNamespace", input.updaterRequestId, { namespaceId: ns.id, ...change }, {
    resourceId: ns.id,
    operationId: operation.id
  });
  return idempotently(request, async () => {
    const event = await deps.store.updateNamespace(ns.id, change, operation, request);
    await visible(deps, event.revision);
    return { operationId: operation.id, namespace: event.namespace };
  }, (original) => replayed(deps, original.operationId, original.resourceId));
}
async function setNamespaceHostedZone(deps, input) {
  const ns = await namespaceOrThrow(deps.store, input.namespaceId);
  if (!isDnsNamespace(ns)) throw errors.invalidInput(`Namespace ${ns.id} is an HTTP namespace and has no hosted zone`);
  if (ns.hostedZoneId === input.hostedZoneId) return ns;
  const operation = completedOperation(deps, "UPDATE_NAMESPACE", { NAMESPACE: ns.id });
  const event = await deps.store.updateNamespace(ns.id, { hostedZoneId: input.hostedZoneId }, operation);
  await visible(deps, event.revision);
  return event.namespace;
}

// src/reconcile/config.ts
var PROVIDERS = ["route53", "kubernetes", "corefile", "kubernetes-source"];
function addReconcileOptions(cmd, embedded = false) {
  if (!embedded) {
    cmd.option("--once", "run one pass, print the plan per provider and exit (status 1 when a provider failed)").option("--endpoint <url>", "Cloud Map API of a running server, for state when there is no Redis URL", "http://127.0.0.1:8053");
  }
  const p = embedded ? "reconcile-" : "";
  return cmd.option(`--${p}providers <list>`, `reconcile targets, comma-separated: ${PROVIDERS.join(", ")} (default: route53)`).option(`--${p}dry-run`, "reconcile: plan only, print or log the changes, make none").option(`--${p}interval <seconds>`, "reconcile: full resync period", "60").option(`--${p}min-interval <seconds>`, "reconcile: least time between two passes (batches change events)", "1").option("--lease-ttl <seconds>", "reconcile: TTL of the leader lease in Redis (a dead leader is replaced within it)", "15").option("--route53-endpoint <url>", "Route 53 endpoint, e.g. moto (default: $CLOUDMAP_ROUTE53_ENDPOINT, else AWS)").option("--owner-id <id>", "owner id in the TXT ownership records", "cloudmap-dns").option("--route53-vpc-region <region>", "region of private namespaces' VPCs (default: --region)").option("--route53-vpc <id>", "VPC of private hosted zones when the state does not say (API state)").option("--kubeconfig <file>", "kubeconfig (default: $KUBECONFIG, ~/.kube/config or in-cluster)").option("--kube-namespace <ns>", "Kubernetes namespace of the sd-<service> Services and EndpointSlices", "default").option("--kube-alias", "also create an ExternalName Service <service> per Cloud Map service").option("--source-namespace <ns>", "Kubernetes namespace the inbound source watches (default: all)").option("--cluster-name <name>", "cluster name in attributes of instances the inbound source registers", "kubernetes").option("--corefile-configmap <name>", "ConfigMap the Corefile provider writes", "coredns-custom").option("--corefile-namespace <ns>", "namespace of that ConfigMap", "kube-system").option("--corefile-key <key>", "data key of the server blocks", "cloudmap.server").option("--corefile-upstream <host:port>", "cloudmap-dns gRPC address the stanzas forward to", "127.0.0.1:8054");
}
function seconds2(value, flag) {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new Error(`${flag} must be a positive number of seconds, got ${JSON.stringify(value)}`);
  return Math.round(Number(value) * 1e3);
}
function resolveReconcileConfig(flags, env, region) {
  const list = (flags.providers ?? flags.reconcileProviders ?? "route53").split(",").map((p) => p.trim()).filter(Boolean);
  for (const p of list) if (!PROVIDERS.includes(p)) throw new Error(`--providers: unknown provider ${JSON.stringify(p)}; choose from ${PROVIDERS.join(", ")}`);
  const route53Endpoint = flags.route53Endpoint ?? env.CLOUDMAP_ROUTE53_ENDPOINT;
  return {
    providers: [...new Set(list)],
    once: flags.once ?? false,
    dryRun: flags.dryRun ?? flags.reconcileDryRun ?? false,
    intervalMs: seconds2(flags.interval ?? flags.reconcileInterval ?? "60", "--interval"),
    minIntervalMs: seconds2(flags.minInterval ?? flags.reconcileMinInterval ?? "1", "--min-interval"),
    leaseTtlMs: seconds2(flags.leaseTtl ?? "15", "--lease-ttl"),
    endpoint: flags.endpoint ?? "http://127.0.0.1:8053",
    route53: {
      ...route53Endpoint ? { endpoint: route53Endpoint } : {},
      ownerId: flags.ownerId ?? "cloudmap-dns",
      vpcRegion: flags.route53VpcRegion ?? region,
      ...flags.route53Vpc ? { vpc: flags.route53Vpc } : {}
    },
    kubernetes: {
      ...flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {},
      namespace: flags.kubeNamespace ?? "default",
      alias: flags.kubeAlias ?? false,
      ...flags.sourceNamespace ? { sourceNamespace: flags.sourceNamespace } : {},
      clusterName: flags.clusterName ?? "kubernetes"
    },
    corefile: {
      name: flags.corefileConfigmap ?? "coredns-custom",
      namespace: flags.corefileNamespace ?? "kube-system",
      key: flags.corefileKey ?? "cloudmap.server",
      upstream: flags.corefileUpstream ?? "127.0.0.1:8054"
    }
  };
}

// src/api/client.ts
async function callCloudMap(endpoint, operation, body) {
  let res;
  try {
    res = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `Route53AutoNaming_v20170314.${operation}` },
      body: JSON.stringify(body)
    });
  } catch (error) {
    throw new Error(`cannot reach the Cloud Map API at ${endpoint}: ${error.message}`);
  }
  const out = await res.json().catch(() => ({}));
  if (res.status !== 200) throw new Error(`${operation} at ${endpoint} failed: ${res.status} ${out.__type ?? ""} ${out.Message ?? out.message ?? ""}`.trim());
  return out;
}
async function listAllPages(endpoint, operation, body, field) {
  const out = [];
  let token;
  do {
    const page = await callCloudMap(endpoint, operation, token ? { ...body, NextToken: token } : body);
    out.push(...page[field] ?? []);
    token = page.NextToken;
  } while (token);
  return out;
}

// src/ops/health.ts
async function setInstanceHealth(deps, input) {
  const serviceId = idFromIdOrArn(input.serviceId);
  let event;
  try {
    event = await deps.store.setInstanceHealth(serviceId, input.instanceId, input.status, nowOf(deps));
  } catch (error) {
    if (input.ifExists && error instanceof CloudMapError && error.type === "InstanceNotFound") return { outcome: "missing" };
    throw error;
  }
  if (!event) return { outcome: "unchanged" };
  await visible(deps, event.revision);
  return { outcome: "changed", revision: event.revision };
}
async function updateInstanceCustomHealthStatus(deps, input) {
  const service = await serviceForWrite(deps, input.serviceId);
  if (!service.healthCheckCustom) {
    throw new CloudMapError("CustomHealthNotFound", `Service ${service.id} has no HealthCheckCustomConfig; its health checks are not custom`);
  }
  return setInstanceHealth(deps, { serviceId: service.id, instanceId: input.instanceId, status: input.status });
}

// src/model/attributes.ts
var RESERVED = new Set(Object.values(ReservedAttributes));
var MAX_CUSTOM_ATTRIBUTES = 30;
var MAX_ATTRIBUTES_SIZE = 5e3;
function isIPv4(value) {
  const parts = value.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}
function isIPv6(value) {
  if (!value.includes(":") || /[^0-9a-fA-F:.]/.test(value)) return false;
  try {
    return new URL(`http://[${value}]/`).hostname.startsWith("[");
  } catch {
    return false;
  }
}
function checkInstanceAttributes(service, attributes) {
  const keys = Object.keys(attributes);
  const custom = keys.filter((k) => !RESERVED.has(k));
  if (custom.length > MAX_CUSTOM_ATTRIBUTES) {
    throw errors.invalidInput(`An instance can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes; got ${custom.length}`);
  }
  const size = keys.reduce((n, k) => n + k.length + attributes[k].length, 0);
  if (size > MAX_ATTRIBUTES_SIZE) {
    throw errors.invalidInput(`The attributes total ${size} characters; the limit is ${MAX_ATTRIBUTES_SIZE}`);
  }
  const has = (key) => attributes[key] !== void 0 && attributes[key] !== "";
  const ipv4 = attributes[ReservedAttributes.IPV4];
  const ipv6 = attributes[ReservedAttributes.IPV6];
  const port4 = attributes[ReservedAttributes.PORT];
  if (ipv4 !== void 0 && !isIPv4(ipv4)) throw errors.invalidInput(`${ReservedAttributes.IPV4} is not a valid IPv4 address: ${ipv4}`);
  if (ipv6 !== void 0 && !isIPv6(ipv6)) throw errors.invalidInput(`${ReservedAttributes.IPV6} is not a valid IPv6 address: ${ipv6}`);
  if (port4 !== void 0 && !(/^\d{1,5}$/.test(port4) && Number(port4) <= 65535)) {
    throw errors.invalidInput(`${ReservedAttributes.PORT} must be an integer from 0 to 65535: ${port4}`);
  }
  const init = attributes[ReservedAttributes.INIT_HEALTH_STATUS];
  if (init !== void 0 && init !== "HEALTHY" && init !== "UNHEALTHY") {
    throw errors.invalidInput(`${ReservedAttributes.INIT_HEALTH_STATUS} must be HEALTHY or UNHEALTHY: ${init}`);
  }
  const types = new Set(service.dnsRecords?.map((r) => r.type) ?? []);
  if (has(ReservedAttributes.ALIAS_DNS_NAME)) {
    if (!types.has("A") && !types.has("AAAA")) throw errors.invalidInput(`${ReservedAttributes.ALIAS_DNS_NAME} requires a service with an A or AAAA record`);
    if (service.routingPolicy !== "WEIGHTED") throw errors.invalidInput(`${ReservedAttributes.ALIAS_DNS_NAME} requires the WEIGHTED routing policy`);
    const instanceKeys = keys.filter((k) => k.startsWith("AWS_INSTANCE_"));
    if (instanceKeys.length > 0) throw errors.invalidInput(`${ReservedAttributes.ALIAS_DNS_NAME} cannot be combined with ${instanceKeys.join(", ")}`);
    return;
  }
  if (types.has("A") && !has(ReservedAttributes.IPV4)) throw errors.invalidInput(`${ReservedAttributes.IPV4} is required: the service has an A record`);
  if (types.has("AAAA") && !has(ReservedAttributes.IPV6)) throw errors.invalidInput(`${ReservedAttributes.IPV6} is required: the service has an AAAA record`);
  if (types.has("CNAME") && !has(ReservedAttributes.CNAME)) throw errors.invalidInput(`${ReservedAttributes.CNAME} is required: the service has a CNAME record`);
  if (types.has("SRV")) {
    if (!has(ReservedAttributes.PORT)) throw errors.invalidInput(`${ReservedAttributes.PORT} is required: the service has an SRV record`);
    if (!has(ReservedAttributes.IPV4) && !has(ReservedAttributes.IPV6)) throw errors.invalidInput(`${ReservedAttributes.IPV4} or ${ReservedAttributes.IPV6} is required: the service has an SRV record`);
  }
  if (service.healthCheckConfig && !has(ReservedAttributes.PORT)) throw errors.invalidInput(`${ReservedAttributes.PORT} is required: the service has a health check`);
}
var MAX_LABEL_OCTETS2 = 63;
function checkInstanceIdForDns(service, instanceId) {
  if (!service.dnsRecords?.some((r) => r.type === "SRV")) return;
  const octets = new TextEncoder().encode(instanceId).length;
  if (octets > MAX_LABEL_OCTETS2) {
    throw errors.invalidInput(
      `InstanceId ${instanceId} is ${octets} characters; the service has an SRV record, so it must be a DNS label of at most ${MAX_LABEL_OCTETS2}`
    );
  }
}
function initialHealthStatus(service, attributes) {
  if (service.healthCheckCustom) return attributes[ReservedAttributes.INIT_HEALTH_STATUS] ?? "HEALTHY";
  if (service.healthCheckConfig) return "HEALTHY";
  return "UNKNOWN";
}
function hasHealthCheck(service) {
  return service.healthCheckConfig !== void 0 || service.healthCheckCustom === true;
}

// src/ops/instances.ts
async function registerInstance(deps, input) {
  const service = await serviceForWrite(deps, input.serviceId);
  checkInstanceAttributes(service, input.attributes);
  checkInstanceIdForDns(service, input.instanceId);
  const now = nowOf(deps);
  const instance = {
    id: input.instanceId,
    serviceId: service.id,
    attributes: { ...input.attributes },
    createdByAccount: deps.accountId,
    createDate: now,
    updateDate: now,
    healthStatus: initialHealthStatus(service, input.attributes),
    ...input.creatorRequestId !== void 0 && { creatorRequestId: input.creatorRequestId }
  };
  const targets = { NAMESPACE: service.namespaceId, SERVICE: service.id, INSTANCE: instance.id };
  const operation = completedOperation(deps, "REGISTER_INSTANCE", targets, now);
  const content = { serviceId: service.id, instanceId: input.instanceId, attributes: input.attributes };
  const request = requestRecord("RegisterInstance", input.creatorRequestId, content, { resourceId: instance.id, operationId: operation.id });
  return idempotently(request, async () => {
    const event = await deps.store.registerInstance(instance, operation, request);
    await visible(deps, event.revision);
    return { operationId: operation.id, instance: event.instance };
  }, async (original) => {
    await visible(deps, await deps.store.revision());
    return { operationId: original.operationId ?? "", instance: await deps.store.getInstance(service.id, original.resourceId) };
  });
}
async function deregisterInstance(deps, input) {
  const service = await serviceForWrite(deps, input.serviceId);
  const targets = { NAMESPACE: service.namespaceId, SERVICE: service.id, INSTANCE: input.instanceId };
  const operation = completedOperation(deps, "DEREGISTER_INSTANCE", targets);
  const event = await deps.store.deregisterInstance(service.id, input.instanceId, operation);
  await visible(deps, event.revision);
  return { operationId: operation.id };
}

// src/ops/services.ts
var HTTP_SERVICE_DNS_CONFIG = "When you specify an HTTP service, you can't include a DnsConfig element.";
function checkDnsConfig(config, hasHealthCheck2) {
  const types = config.dnsRecords.map((r) => r.type);
  if (types.length === 0) throw errors.invalidInput("DnsConfig.DnsRecords must contain at least one record");
  if (new Set(types).size !== types.length) throw errors.invalidInput("DnsConfig.DnsRecords contains a record type more than once");
  const routingPolicy = config.routingPolicy ?? "MULTIVALUE";
  if (types.includes("CNAME")) {
    if (types.length > 1) throw errors.invalidInput("A CNAME record cannot be combined with other record types");
    if (routingPolicy !== "WEIGHTED") throw errors.invalidInput("CNAME records require the WEIGHTED routing policy");
    if (hasHealthCheck2) throw errors.invalidInput("CNAME records cannot be used with HealthCheckConfig");
  }
  return { routingPolicy, dnsRecords: config.dnsRecords.map((r) => ({ type: r.type, ttl: r.ttl })) };
}
function checkHealthCheckPlacement(ns, healthCheckConfig, custom, awsStrict = false) {
  if (!healthCheckConfig) return;
  if (custom) throw errors.invalidInput("Specify either HealthCheckConfig or HealthCheckCustomConfig, not both");
  if (ns.type === "DNS_PRIVATE" && awsStrict) throw errors.invalidInput(HEALTH_CHECK_IN_PRIVATE_NAMESPACE);
}
var HEALTH_CHECK_IN_PRIVATE_NAMESPACE = "HealthCheckConfig is supported in public DNS and HTTP namespaces only (cloudmap-dns runs with --aws-strict)";
async function createService(deps, input) {
  const ns = await namespaceOrThrow(deps.store, input.namespaceId);
  const custom = input.healthCheckCustom === true;
  checkHealthCheckPlacement(ns, input.healthCheckConfig, custom, deps.awsStrict);
  if (input.dnsConfig && (input.httpOnly || ns.type === "HTTP")) throw errors.invalidInput(HTTP_SERVICE_DNS_CONFIG);
  const dns = input.dnsConfig ? checkDnsConfig(input.dnsConfig, input.healthCheckConfig !== void 0) : void 0;
  checkTagCount(input.tags, input.name);
  const id = newServiceId();
  const hc = input.healthCheckConfig;
  const service = {
    id,
    arn: arn(deps.region, deps.accountId, "service", id),
    name: input.name,
    namespaceId: ns.id,
    type: dns ? "DNS_HTTP" : "HTTP",
    createdByAccount: deps.accountId,
    resourceOwner: deps.accountId,
    createDate: nowOf(deps),
    instancesRevision: 0,
    ...input.description !== void 0 && { description: input.description },
    ...input.creatorRequestId !== void 0 && { creatorRequestId: input.creatorRequestId },
    ...dns && { routingPolicy: dns.routingPolicy, dnsRecords: dns.dnsRecords },
    ...hc && {
      healthCheckConfig: {
        type: hc.type,
        ...hc.resourcePath !== void 0 && { resourcePath: hc.resourcePath },
        ...hc.failureThreshold !== void 0 && { failureThreshold: hc.failureThreshold }
      }
    },
    ...custom && { healthCheckCustom: true }
  };
  const content = {
    namespaceId: ns.id,
    name: input.name,
    description: input.description,
    dns,
    healthCheckConfig: service.healthCheckConfig,
    custom,
    httpOnly: input.httpOnly === true,
    tags: input.tags
  };
  const request = requestRecord("CreateService", input.creatorRequestId, content, { resourceId: id });
  return idempotently(request, async () => {
    const event = await deps.store.createService(service, input.tags, request);
    await visible(deps, event.revision);
    return { ...event.service, instanceCount: 0 };
  }, async (original) => {
    await visible(deps, await deps.store.revision());
    const created = await deps.store.getService(original.resourceId);
    if (!created) throw errors.invalidInput(`CreatorRequestId ${input.creatorRequestId} created service ${original.resourceId}, which has since been deleted`);
    return created;
  }, () => errors.invalidInput(`CreatorRequestId ${input.creatorRequestId} was already used by a different CreateService request`));
}
async function deleteService(deps, input) {
  const event = await deps.store.deleteService(idFromIdOrArn(input.serviceId));
  await visible(deps, event.revision);
}
function checkSameRecordTypes(service, records2) {
  if (!service.dnsRecords) throw errors.invalidInput(`Service ${service.id} has no DnsConfig; it has no DNS records to change`);
  const have = service.dnsRecords.map((r) => r.type).sort();
  const want = records2.map((r) => r.type).sort();
  if (new Set(want).size !== want.length) throw errors.invalidInput("DnsConfig.DnsRecords contains a record type more than once");
  if (have.join(",") !== want.join(",")) {
    throw errors.invalidInput(`The record types of a service cannot change: service ${service.id} has ${have.join(", ")}; got ${want.join(", ") || "none"}`);
  }
}
async function updateService(deps, input) {
  const service = await serviceOrThrow(deps.store, input.serviceId);
  if (input.dnsRecords) checkSameRecordTypes(service, input.dnsRecords);
  if (input.healthCheckConfig) {
    const ns = await namespaceOrThrow(deps.store, service.namespaceId);
    checkHealthCheckPlacement(ns, input.healthCheckConfig, service.healthCheckCustom === true, deps.awsStrict);
    if (service.dnsRecords?.some((r) => r.type === "CNAME")) throw errors.invalidInput("CNAME records cannot be used with HealthCheckConfig");
  }
  const operation = completedOperation(deps, "UPDATE_SERVICE", { NAMESPACE: service.namespaceId, SERVICE: service.id });
  const change = {
    ...input.description !== void 0 && { description: input.description },
    // The service's record order stays; only the TTLs change.
    ...input.dnsRecords !== void 0 && {
      dnsRecords: service.dnsRecords.map((r) => ({ type: r.type, ttl: input.dnsRecords.find((n) => n.type === r.type).ttl }))
    },
    ...input.healthCheckConfig !== void 0 && { healthCheckConfig: input.healthCheckConfig }
  };
  const event = await deps.store.updateService(service.id, change, operation);
  await visible(deps, event.revision);
  if (hasHealthCheck(service) !== hasHealthCheck(event.service)) await resetHealth(deps, event.service);
  return { operationId: operation.id, service: event.service };
}
async function resetHealth(deps, service) {
  for (const inst of await deps.store.listInstances(service.id)) {
    const status = initialHealthStatus(service, inst.attributes);
    await setInstanceHealth(deps, { serviceId: service.id, instanceId: inst.id, status, reason: "health checking changed", ifExists: true });
  }
}

// src/dns/bytes.ts
var SLAB_BYTES = 64 * 1024;
var MAX_POOLED = 8 * 1024;
var Slab = class {
  #buffer = new ArrayBuffer(SLAB_BYTES);
  #used = 0;
  take(size) {
    if (size > MAX_POOLED) return new Uint8Array(size);
    if (this.#used + size > SLAB_BYTES) {
      this.#buffer = new ArrayBuffer(SLAB_BYTES);
      this.#used = 0;
    }
    const out = new Uint8Array(this.#buffer, this.#used, size);
    this.#used += size + 7 & ~7;
    return out;
  }
};
var responses = new Slab();
var records = new Slab();
var SpanSlab = class {
  array = new Uint8Array(SLAB_BYTES);
  #used = 0;
  /** Offset of `size` fresh bytes in `this.array` (read `array` after the call: a full slab is replaced). */
  take(size) {
    if (size > SLAB_BYTES) throw new RangeError(`record of ${size} bytes is larger than a slab`);
    if (this.#used + size > SLAB_BYTES) {
      this.array = new Uint8Array(SLAB_BYTES);
      this.#used = 0;
    }
    const at = this.#used;
    this.#used += size + 7 & ~7;
    return at;
  }
};
var spans = new SpanSlab();
function allocateRecordSpan(size) {
  return spans.take(size);
}
function recordSpanArray() {
  return spans.array;
}
function allocateBytes(size) {
  return responses.take(size);
}

// src/dns/constants.ts
var RRType = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  AAAA: 28,
  SRV: 33,
  OPT: 41,
  IXFR: 251,
  AXFR: 252,
  ANY: 255
};
var RRClass = { IN: 1, ANY: 255 };
var Opcode = { QUERY: 0 };
var Rcode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  BADVERS: 16
};
var Flag = {
  QR: 32768,
  AA: 1024,
  TC: 512,
  RD: 256,
  RA: 128,
  AD: 32,
  CD: 16
};
var EDNS_DO = 32768;
var HEADER_BYTES = 12;
var UDP_MIN_PAYLOAD = 512;
var DEFAULT_UDP_PAYLOAD = 1232;
var STREAM_MAX_MESSAGE = 65535;

// src/dns/rdata.ts
var utf8 = new TextEncoder();
var MAX_LABEL = 63;
var MAX_NAME = 255;
function isEncodableName(name) {
  return encodeName(name) !== void 0;
}
function encodeName(name) {
  const n = name.endsWith(".") ? name.slice(0, -1) : name;
  if (n.length === 0) return new Uint8Array([0]);
  const bytes = utf8.encode(n);
  if (bytes.length + 2 > MAX_NAME) return void 0;
  const out = new Uint8Array(bytes.length + 2);
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 46) continue;
    const len = i - start;
    if (len === 0 || len > MAX_LABEL) return void 0;
    out[start] = len;
    out.set(bytes.subarray(start, i), start + 1);
    start = i + 1;
  }
  return out;
}
function parseIPv4(text) {
  const parts = text.split(".");
  if (parts.length !== 4) return void 0;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return void 0;
    const n = Number(p);
    if (n > 255) return void 0;
    out[i] = n;
  }
  return out;
}
function parseIPv6(text) {
  if (text.length < 2 || text.length > 45 || /[^0-9a-fA-F:.]/.test(text)) return void 0;
  const groups = [];
  let tail = text;
  let v4;
  if (text.includes(".")) {
    const at = text.lastIndexOf(":");
    v4 = parseIPv4(text.slice(at + 1));
    if (!v4) return void 0;
    tail = text.slice(0, at + 1) + "0:0";
  }
  const halves = tail.split("::");
  if (halves.length > 2) return void 0;
  const parse = (part) => {
    if (part === "") return [];
    const out2 = [];
    for (const g of part.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return void 0;
      out2.push(parseInt(g, 16));
    }
    return out2;
  };
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !rest) return void 0;
  if (halves.length === 2) {
    if (head.length + rest.length > 7) return void 0;
    groups.push(...head, ...new Array(8 - head.length - rest.length).fill(0), ...rest);
  } else {
    if (head.length !== 8) return void 0;
    groups.push(...head);
  }
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    out[2 * i] = groups[i] >> 8;
    out[2 * i + 1] = groups[i] & 255;
  }
  if (v4) out.set(v4, 12);
  return out;
}
function formatIPv6(bytes) {
  const groups = [];
  for (let i = 0; i < 8; i++) groups.push(bytes[2 * i] << 8 | bytes[2 * i + 1]);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (list) => list.map((g) => g.toString(16)).join(":");
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}
function canonicalIPv6(text) {
  const bytes = parseIPv6(text);
  return bytes && formatIPv6(bytes);
}
function u16(n, out, at) {
  out[at] = n >> 8;
  out[at + 1] = n & 255;
}
function u32(n, out, at) {
  out[at] = n >>> 24;
  out[at + 1] = n >>> 16 & 255;
  out[at + 2] = n >>> 8 & 255;
  out[at + 3] = n & 255;
}
function concat(parts) {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
var UINT = /^\d{1,10}$/;
function encodeRdata(type, value) {
  switch (type) {
    case RRType.A:
      return parseIPv4(value);
    case RRType.AAAA:
      return parseIPv6(value);
    case RRType.NS:
    case RRType.CNAME:
      return encodeName(value);
    case RRType.SRV: {
      const f = value.split(" ");
      if (f.length !== 4 || !f.slice(0, 3).every((x) => /^\d{1,5}$/.test(x) && Number(x) <= 65535)) return void 0;
      const target = encodeName(f[3]);
      if (!target) return void 0;
      const fixed = new Uint8Array(6);
      u16(Number(f[0]), fixed, 0);
      u16(Number(f[1]), fixed, 2);
      u16(Number(f[2]), fixed, 4);
      return concat([fixed, target]);
    }
    case RRType.SOA: {
      const f = value.split(" ");
      if (f.length !== 7 || !f.slice(2).every((x) => UINT.test(x) && Number(x) <= 4294967295)) return void 0;
      const mname = encodeName(f[0]);
      const rname = encodeName(f[1]);
      if (!mname || !rname) return void 0;
      const timers = new Uint8Array(20);
      for (let i = 0; i < 5; i++) u32(Number(f[2 + i]), timers, 4 * i);
      return concat([mname, rname, timers]);
    }
    default:
      return void 0;
  }
}

// src/view/compact.ts
var MAX_INTERNED_LENGTH = 64;
var MAX_INTERNED = 65536;
var table = /* @__PURE__ */ new Map();
function intern(s) {
  const have = table.get(s);
  if (have !== void 0) return have;
  if (s.length > MAX_INTERNED_LENGTH || table.size >= MAX_INTERNED) return s;
  table.set(s, s);
  return s;
}
var UNIQUE_VALUES = /* @__PURE__ */ new Set([
  ReservedAttributes.IPV4,
  ReservedAttributes.IPV6,
  ReservedAttributes.CNAME,
  ReservedAttributes.EC2_INSTANCE_ID,
  ReservedAttributes.ALIAS_DNS_NAME
]);
var HEALTH = { HEALTHY: "HEALTHY", UNHEALTHY: "UNHEALTHY", UNKNOWN: "UNKNOWN" };
var ViewInstance = class {
  constructor(id, serviceId, attributes, createdByAccount, createDate, updateDate, healthStatus) {
    this.id = id;
    this.serviceId = serviceId;
    this.attributes = attributes;
    this.createdByAccount = createdByAccount;
    this.createDate = createDate;
    this.updateDate = updateDate;
    this.healthStatus = healthStatus;
  }
  id;
  serviceId;
  attributes;
  createdByAccount;
  createDate;
  updateDate;
  healthStatus;
};
function compactAttributes(attributes) {
  const out = {};
  for (const key in attributes) {
    const value = attributes[key];
    out[intern(key)] = UNIQUE_VALUES.has(key) ? value : intern(value);
  }
  return out;
}
function compactInstance(instance, serviceId, previous) {
  if (instance instanceof ViewInstance && instance.serviceId === serviceId) return instance;
  if (previous && sameInstance(previous, instance)) return previous;
  return new ViewInstance(
    instance.id,
    serviceId,
    compactAttributes(instance.attributes),
    intern(instance.createdByAccount),
    instance.createDate,
    instance.updateDate,
    HEALTH[instance.healthStatus] ?? instance.healthStatus
  );
}
function sameInstance(view, instance) {
  if (view.id !== instance.id || view.healthStatus !== instance.healthStatus || view.updateDate !== instance.updateDate || view.createDate !== instance.createDate || view.createdByAccount !== instance.createdByAccount) return false;
  const a = view.attributes;
  const b = instance.attributes;
  let n = 0;
  for (const key in b) {
    if (a[key] !== b[key]) return false;
    n++;
  }
  for (const _ in a) n--;
  return n === 0;
}
function withHealth(instance, healthStatus, updateDate) {
  return new ViewInstance(instance.id, instance.serviceId, instance.attributes, instance.createdByAccount, instance.createDate, updateDate, healthStatus);
}

// src/view/view.ts
function canonicalName(name) {
  const lowered = name.toLowerCase();
  return lowered.endsWith(".") ? lowered.slice(0, -1) : lowered;
}
function servesAsHealthy(instance) {
  return instance.healthStatus !== "UNHEALTHY";
}
var ServiceEntry = class {
  constructor(service) {
    this.service = service;
  }
  service;
  /**
   * Instances by id, case-sensitively: `Web-1` and `web-1` are two instances
   * (AWS instance ids are case-sensitive; DiscoverInstances lists both).
   */
  instances = /* @__PURE__ */ new Map();
  #healthy;
  #unhealthy;
  /** Instances serving as healthy (see `servesAsHealthy`); cached until the next change. */
  healthy() {
    this.#split();
    return this.#healthy;
  }
  /** Instances reported UNHEALTHY; cached until the next change. */
  unhealthy() {
    this.#split();
    return this.#unhealthy;
  }
  /**
   * Store or replace an instance (by exact id), in the view's compact form
   * (`compact.ts`); `previous`, the same instance in the view being
   * replaced, is kept as is when nothing changed.
   * @returns true when `previous` was kept
   */
  put(instance, previous) {
    const kept = compactInstance(instance, this.service.id, previous);
    this.instances.set(kept.id, kept);
    this.#healthy = this.#unhealthy = void 0;
    return kept === previous;
  }
  /** Remove an instance by exact id; true when it was there. */
  remove(instanceId) {
    if (!this.instances.delete(instanceId)) return false;
    this.#healthy = this.#unhealthy = void 0;
    return true;
  }
  /** Replace an instance's health status; false when there is no such instance or nothing changed. */
  setHealth(instanceId, healthStatus, updateDate) {
    const inst = this.instances.get(instanceId);
    if (!inst || inst.healthStatus === healthStatus) return false;
    this.instances.set(instanceId, withHealth(inst, healthStatus, updateDate));
    this.#healthy = this.#unhealthy = void 0;
    return true;
  }
  #split() {
    if (this.#healthy) return;
    this.#healthy = [];
    this.#unhealthy = [];
    for (const inst of this.instances.values()) (servesAsHealthy(inst) ? this.#healthy : this.#unhealthy).push(inst);
  }
};
var Zone = class {
  constructor(namespace) {
    this.namespace = namespace;
  }
  namespace;
  /** Services by lowercase name relative to the zone (`backend`, `_http._tcp.api`). */
  services = /* @__PURE__ */ new Map();
  /** Lowercase relative names that are proper ancestors of service names (empty non-terminals). */
  #emptyNonTerminals = /* @__PURE__ */ new Set();
  /** Zone apex, lowercase, no trailing dot (e.g. `app.local`). */
  get name() {
    return canonicalName(this.namespace.name);
  }
  /** True when `relativeName` has no records of its own but service names exist below it (RFC 8020 §2). */
  isEmptyNonTerminal(relativeName) {
    return this.#emptyNonTerminals.has(relativeName);
  }
  /** Recompute the empty non-terminals after services change. */
  reindex() {
    const ents = /* @__PURE__ */ new Set();
    for (const name of this.services.keys()) {
      let dot = name.indexOf(".");
      while (dot >= 0) {
        ents.add(name.slice(dot + 1));
        dot = name.indexOf(".", dot + 1);
      }
    }
    for (const name of this.services.keys()) ents.delete(name);
    this.#emptyNonTerminals = ents;
  }
};
var View = class _View {
  /** Revision of the last applied event (or of the loaded snapshot). */
  revision = 0;
  #namespaces = /* @__PURE__ */ new Map();
  #services = /* @__PURE__ */ new Map();
  #zones = /* @__PURE__ */ new Map();
  /** DNS zones by namespace id. */
  #zoneOfNamespace = /* @__PURE__ */ new Map();
  /** Namespace id by lowercase HttpName (DiscoverInstances `NamespaceName`). */
  #namespaceByHttpName = /* @__PURE__ */ new Map();
  /** Service entries by `<namespace id>\n<lowercase service name>`. */
  #serviceByName = /* @__PURE__ */ new Map();
  #complete = false;
  /** Namespaces by id. */
  get namespaces() {
    return this.#namespaces;
  }
  /** Service entries by service id. */
  get services() {
    return this.#services;
  }
  /** DNS zones by apex name (lowercase, no trailing dot). */
  get zones() {
    return this.#zones;
  }
  /**
   * True once the view holds a whole snapshot (after the first `load` or
   * `loadInSlices`); a view built only from events is never complete.
   * Until then DNS must not answer from it (a partial view would turn
   * existing names into NXDOMAIN).
   */
  get complete() {
    return this.#complete;
  }
  /** The namespace whose HttpName is `name` (case-insensitive), as DiscoverInstances finds it. */
  namespaceByHttpName(name) {
    const id = this.#namespaceByHttpName.get(name.toLowerCase());
    return id === void 0 ? void 0 : this.namespaces.get(id);
  }
  /** The service called `name` (case-insensitive) in a namespace. */
  serviceByName(namespaceId, name) {
    return this.#serviceByName.get(`${namespaceId}
${name.toLowerCase()}`);
  }
  /** Replace everything with a snapshot, in one synchronous step (see `loadInSlices` for large snapshots). */
  load(snapshot) {
    const next = new _View();
    next.#fill(snapshot);
    for (const inst of snapshot.instances) next.#services.get(inst.serviceId)?.put(inst);
    this.#adopt(next, snapshot.revision);
  }
  /**
   * Replace everything with a snapshot without blocking the event loop:
   * builds the new state beside the current one, yielding every `sliceMs`
   * milliseconds, then swaps it in at once. Until the swap every reader
   * (DNS, the API) sees the previous state unchanged. Events must not be
   * applied meanwhile (the follower has no subscription while it loads).
   *
   * A `BatchedSnapshot` is consumed as its batches arrive, so the instances
   * are never held twice; an instance equal to the one the current view
   * holds is kept as that object (`compactInstance`), so a reload of
   * unchanged data leaves almost nothing for the garbage collector to copy
   * or promote (issue 11: no query stall over 50 ms during a reload).
   * @returns how many instances the snapshot held
   * @throws what the snapshot's batches reject with (the current view stays)
   */
  async loadInSlices(snapshot, options = {}) {
    const sliceMs = options.sliceMs ?? 4;
    const next = new _View();
    next.#fill(snapshot);
    const batches = "instanceBatches" in snapshot ? snapshot.instanceBatches : inBatches(snapshot.instances, 256);
    let count2 = 0;
    let sliceStarted = performance.now();
    let pending = false;
    const kept = /* @__PURE__ */ new Map();
    for await (const batch of batches) {
      for (const inst of batch) {
        const entry = next.#services.get(inst.serviceId);
        if (entry?.put(inst, this.#services.get(inst.serviceId)?.instances.get(inst.id))) kept.set(entry, (kept.get(entry) ?? 0) + 1);
      }
      count2 += batch.length;
      pending = true;
      if (performance.now() - sliceStarted >= sliceMs) {
        await yieldSlice(options);
        pending = false;
        sliceStarted = performance.now();
      }
    }
    if (pending) await yieldSlice(options);
    next.#keepUnchangedEntries(this, kept);
    this.#adopt(next, snapshot.revision);
    return count2;
  }
  /**
   * After a load into this (new) view: every service whose instances are all
   * the `current` view's objects, and as many, keeps the current
   * `ServiceEntry` object instead of the new one (with the new service
   * record if that changed), and every namespace record equal to the
   * current one stays that object. The DNS record memo is keyed by entry
   * (`dns/record-cache.ts`), so a reload of unchanged data keeps every memo
   * and leaves the old view's records out of the garbage.
   * @param kept per entry of this view, how many of its instances are the current view's objects
   */
  #keepUnchangedEntries(current, kept) {
    for (const [id, ns] of this.#namespaces) {
      const old = current.#namespaces.get(id);
      if (!old || old === ns || !sameRecord(old, ns)) continue;
      this.#namespaces.set(id, old);
      const zone = this.#zoneOfNamespace.get(id);
      if (zone) zone.namespace = old;
    }
    for (const [id, entry] of this.#services) {
      const old = current.#services.get(id);
      const size = entry.instances.size;
      if (!old || old.instances.size !== size || (kept.get(entry) ?? 0) !== size) continue;
      const svc = entry.service;
      if (old.service.namespaceId !== svc.namespaceId || old.service.name !== svc.name) continue;
      if (!sameRecord(old.service, svc)) old.service = svc;
      const name = svc.name.toLowerCase();
      this.#services.set(id, old);
      this.#serviceByName.set(`${svc.namespaceId}
${name}`, old);
      this.#zoneOfNamespace.get(svc.namespaceId)?.services.set(name, old);
    }
  }
  /** The namespaces and services (indexed) of a snapshot into this (empty) view. */
  #fill(snapshot) {
    for (const ns of snapshot.namespaces) this.#putNamespace(ns);
    for (const svc of snapshot.services) this.#putService(svc);
    for (const zone of this.#zones.values()) zone.reindex();
  }
  /** Take over the state of `next` in one step. */
  #adopt(next, revision) {
    this.#namespaces = next.#namespaces;
    this.#services = next.#services;
    this.#zones = next.#zones;
    this.#zoneOfNamespace = next.#zoneOfNamespace;
    this.#namespaceByHttpName = next.#namespaceByHttpName;
    this.#serviceByName = next.#serviceByName;
    this.revision = revision;
    this.#complete = true;
  }
  /** Apply one change event; events at or below the current revision are ignored. */
  apply(event) {
    if (event.revision <= this.revision) return;
    this.revision = event.revision;
    switch (event.type) {
      case "NamespaceUpserted":
        return this.#putNamespace(event.namespace);
      case "NamespaceDeleted":
        return this.#deleteNamespace(event.namespaceId);
      case "ServiceUpserted": {
        this.#putService(event.service);
        this.#zoneOfNamespace.get(event.service.namespaceId)?.reindex();
        return;
      }
      case "ServiceDeleted": {
        const entry = this.services.get(event.serviceId);
        this.#services.delete(event.serviceId);
        if (entry) this.#serviceByName.delete(`${entry.service.namespaceId}
${entry.service.name.toLowerCase()}`);
        const zone = this.#zoneOfNamespace.get(event.namespaceId);
        if (entry && zone) {
          zone.services.delete(entry.service.name.toLowerCase());
          zone.reindex();
        }
        return;
      }
      case "InstanceUpserted": {
        const entry = this.services.get(event.instance.serviceId);
        if (!entry) return;
        entry.put(event.instance);
        entry.service.instancesRevision = event.revision;
        return;
      }
      case "InstanceHealthChanged": {
        this.services.get(event.serviceId)?.setHealth(event.instanceId, event.healthStatus, event.updateDate);
        return;
      }
      case "InstanceDeleted": {
        const entry = this.services.get(event.serviceId);
        if (!entry) return;
        entry.remove(event.instanceId);
        entry.service.instancesRevision = event.revision;
        return;
      }
    }
  }
  /**
   * The zone whose apex is `name` or its closest enclosing zone (longest
   * suffix match on label boundaries). `name` must be canonical
   * (`canonicalName`).
   */
  findZone(name) {
    let candidate = name;
    for (; ; ) {
      const zone = this.zones.get(candidate);
      if (zone) return zone;
      const dot = candidate.indexOf(".");
      if (dot < 0) return void 0;
      candidate = candidate.slice(dot + 1);
    }
  }
  #putNamespace(ns) {
    const previous = this.namespaces.get(ns.id);
    if (previous) this.#namespaceByHttpName.delete(previous.httpName.toLowerCase());
    this.#namespaces.set(ns.id, ns);
    this.#namespaceByHttpName.set(ns.httpName.toLowerCase(), ns.id);
    if (!isDnsNamespace(ns)) return;
    let zone = this.#zoneOfNamespace.get(ns.id);
    if (zone) {
      if (previous && canonicalName(previous.name) !== canonicalName(ns.name)) this.zones.delete(zone.name);
      zone.namespace = ns;
    } else {
      zone = new Zone(ns);
      this.#zoneOfNamespace.set(ns.id, zone);
    }
    this.zones.set(zone.name, zone);
  }
  #deleteNamespace(id) {
    const zone = this.#zoneOfNamespace.get(id);
    if (zone) this.zones.delete(zone.name);
    this.#zoneOfNamespace.delete(id);
    const ns = this.namespaces.get(id);
    if (ns) this.#namespaceByHttpName.delete(ns.httpName.toLowerCase());
    this.#namespaces.delete(id);
  }
  #putService(svc) {
    let entry = this.services.get(svc.id);
    const zone = this.#zoneOfNamespace.get(svc.namespaceId);
    if (entry) {
      if (entry.service.name.toLowerCase() !== svc.name.toLowerCase()) {
        zone?.services.delete(entry.service.name.toLowerCase());
        this.#serviceByName.delete(`${svc.namespaceId}
${entry.service.name.toLowerCase()}`);
      }
      entry.service = svc;
    } else {
      entry = new ServiceEntry(svc);
      this.#services.set(svc.id, entry);
    }
    zone?.services.set(svc.name.toLowerCase(), entry);
    this.#serviceByName.set(`${svc.namespaceId}
${svc.name.toLowerCase()}`, entry);
  }
};
function* inBatches(instances, size) {
  for (let at = 0; at < instances.length; at += size) yield instances.slice(at, at + size);
}
async function yieldSlice(options) {
  await options.onSlice?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
function sameRecord(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !sameRecord(a[k], b[k])) return false;
  }
  return true;
}

// src/corefile/template.ts
var NAMESPACE_TEMPLATE = `# Cloud Map namespace {{ .Zone }}: answered by cloudmap-dns over gRPC (coredns.dns.DnsService/Query)
{{ .Zone }}:{{ .Port }} {
    errors
{{- if .CacheSeconds }}
    cache {{ .CacheSeconds }}
{{- end }}
{{- if .Prometheus }}
    prometheus {{ .Prometheus }}
{{- end }}
{{- if .Health }}
    health {{ .Health }}
{{- if .Lameduck }} {
        lameduck {{ .Lameduck }}
    }
{{- end }}
{{- end }}
{{- if .Ready }}
    ready {{ .Ready }}
{{- end }}
    grpc . {{ .Upstream }}
{{- if .Tls }} {
        tls{{ if .TlsArgs }} {{ .TlsArgs }}{{ end }}
{{- if .TlsServerName }}
        tls_servername {{ .TlsServerName }}
{{- end }}
    }
{{- end }}
}
`;
function tokenize(template) {
  const out = [];
  let at = 0;
  let trimNext = false;
  for (; ; ) {
    const open = template.indexOf("{{", at);
    let text = template.slice(at, open < 0 ? void 0 : open);
    if (trimNext) text = text.replace(/^\s+/, "");
    if (open < 0) {
      out.push({ text });
      return out;
    }
    const close = template.indexOf("}}", open);
    if (close < 0) throw new Error(`unclosed action at offset ${open}`);
    let inner = template.slice(open + 2, close);
    if (inner.startsWith("- ")) {
      text = text.replace(/\s+$/, "");
      inner = inner.slice(2);
    }
    trimNext = inner.endsWith(" -");
    if (trimNext) inner = inner.slice(0, -2);
    out.push({ text }, { action: inner.trim() });
    at = close + 2;
  }
}
var truthy = (v) => v !== void 0 && v !== "" && v !== 0 && v !== false;
function renderTemplate(template, data) {
  const field = (name) => {
    const key = name.slice(1);
    if (!name.startsWith(".") || !(key in data)) throw new Error(`template field ${name} is not defined`);
    return data[key];
  };
  let out = "";
  const stack = [];
  const emitting = () => stack.length === 0 || stack[stack.length - 1].on;
  for (const token of tokenize(template)) {
    if ("text" in token) {
      if (emitting()) out += token.text;
      continue;
    }
    const words = token.action.split(/\s+/);
    if (words[0] === "if" && words.length === 2) {
      const parentOn = emitting();
      const cond = parentOn && truthy(field(words[1]));
      stack.push({ on: cond, taken: cond, parentOn });
    } else if (words[0] === "else" && words.length === 1) {
      const top = stack[stack.length - 1];
      if (!top) throw new Error("{{ else }} without {{ if }}");
      top.on = top.parentOn && !top.taken;
    } else if (words[0] === "end" && words.length === 1) {
      if (!stack.pop()) throw new Error("{{ end }} without {{ if }}");
    } else if (words.length === 1 && words[0].startsWith(".")) {
      if (emitting()) out += String(field(words[0]) ?? "");
    } else {
      throw new Error(`unsupported template action {{ ${token.action} }}`);
    }
  }
  if (stack.length > 0) throw new Error("{{ if }} without {{ end }}");
  return out;
}

// src/corefile/render.ts
function corefileZones(namespaces) {
  return [...new Set(namespaces.filter(isDnsNamespace).map((ns) => canonicalName(ns.name)))].sort();
}
var SAFE = /^[A-Za-z0-9._:[\]/-]+$/;
function word(value, what) {
  if (!SAFE.test(value)) throw new Error(`${what} ${JSON.stringify(value)} cannot be written into a Corefile`);
  return value;
}
function renderCorefile(zones, options = {}) {
  const { upstream = "127.0.0.1:8054", port: port4 = 53, cacheSeconds = 5, prometheus = ":9153", health = ":8080", lameduck = false, ready = ":8181", tls, template = NAMESPACE_TEMPLATE } = options;
  if (lameduck !== false && !/^\d+(\.\d+)?(ms|s|m|h)$/.test(lameduck)) throw new Error(`lameduck must be a Go duration such as 5s, got ${JSON.stringify(lameduck)}`);
  if (!Number.isInteger(port4) || port4 < 1 || port4 > 65535) throw new Error(`port must be 1..65535, got ${port4}`);
  if (!Number.isInteger(cacheSeconds) || cacheSeconds < 0) throw new Error(`cacheSeconds must be a whole number of seconds, got ${cacheSeconds}`);
  if (tls && tls.cert === void 0 !== (tls.key === void 0)) throw new Error("TLS client certificate and key must be given together");
  const tlsArgs = tls ? [tls.cert, tls.key, tls.ca].filter((v) => v !== void 0).map((v) => word(v, "TLS file")).join(" ") : "";
  return zones.map((zone, i) => {
    if (!isEncodableName(zone) || zone === "" || zone.startsWith(".")) throw new Error(`not a DNS zone name: ${JSON.stringify(zone)}`);
    return renderTemplate(template, {
      Zone: word(canonicalName(zone), "zone"),
      Port: port4,
      CacheSeconds: cacheSeconds,
      Prometheus: prometheus === false ? "" : word(prometheus, "prometheus address"),
      Health: health === false || i > 0 ? "" : word(health, "health address"),
      Lameduck: health === false || i > 0 || lameduck === false ? "" : lameduck,
      Ready: ready === false ? "" : word(ready, "ready address"),
      Upstream: word(upstream, "upstream"),
      Tls: tls !== void 0,
      TlsArgs: tlsArgs,
      TlsServerName: tls?.serverName ? word(tls.serverName, "TLS server name") : ""
    });
  }).join("\n");
}

// src/dns/rrsets.ts
var SOA_TIMERS = { serial: 1, refresh: 7200, retry: 900, expire: 1209600, minimum: 86400 };
var DEFAULT_ZONE_NAMING = {
  nameserver: (zone) => `ns1.${zone}`,
  hostmaster: (zone) => `hostmaster.${zone}`,
  defaultSoaTtl: 15
};
function serviceRecordName(namespace, service) {
  return canonicalName(`${service.name}.${canonicalName(namespace.name)}`);
}
function apexRRsets(namespace, naming = DEFAULT_ZONE_NAMING) {
  const name = canonicalName(namespace.name);
  const ttl = namespace.soaTtl ?? naming.defaultSoaTtl;
  const mname = canonicalName(naming.nameserver(name));
  const rname = canonicalName(naming.hostmaster(name));
  for (const n of [mname, rname]) if (!isEncodableName(n)) throw new Error(`not a valid DNS name for the SOA of ${name}: ${JSON.stringify(n)}`);
  const t = SOA_TIMERS;
  return [
    { name, type: "SOA", ttl, values: [`${mname} ${rname} ${t.serial} ${t.refresh} ${t.retry} ${t.expire} ${t.minimum}`], role: "apex" },
    { name, type: "NS", ttl, values: [mname], role: "apex" }
  ];
}
function negativeTtl(soaTtl) {
  return Math.min(soaTtl, SOA_TIMERS.minimum);
}
var port3 = (value) => value !== void 0 && /^\d{1,5}$/.test(value) && Number(value) <= 65535 ? String(Number(value)) : void 0;
function serviceRRsets(namespace, service, instances) {
  const out = [];
  const owner = serviceRecordName(namespace, service);
  if (!isEncodableName(owner)) return out;
  let ttlA;
  let ttlAAAA;
  let ttlCname;
  let ttlSrv;
  for (const t of service.dnsRecords ?? []) {
    if (t.type === "A") ttlA = t.ttl;
    else if (t.type === "AAAA") ttlAAAA = t.ttl;
    else if (t.type === "CNAME") ttlCname = t.ttl;
    else if (t.type === "SRV") ttlSrv = t.ttl;
  }
  const routing = service.routingPolicy ?? "MULTIVALUE";
  for (const inst of instances) {
    const attrs = inst.attributes;
    const instanceId = inst.id;
    const healthy = servesAsHealthy(inst);
    const ipv4 = attrs[ReservedAttributes.IPV4];
    const a = ipv4 !== void 0 && parseIPv4(ipv4) ? ipv4 : void 0;
    const ipv6 = attrs[ReservedAttributes.IPV6];
    const aaaa = ipv6 === void 0 ? void 0 : canonicalIPv6(ipv6);
    const rec = (type, ttl, value, role, name = owner) => {
      out.push(role === "service" ? { name, type, ttl, values: [value], role, instanceId, healthy, routing } : { name, type, ttl, values: [value], role, instanceId, healthy });
    };
    if (ttlA !== void 0 && a) rec("A", ttlA, a, "service");
    if (ttlAAAA !== void 0 && aaaa) rec("AAAA", ttlAAAA, aaaa, "service");
    if (ttlCname !== void 0) {
      const target = attrs[ReservedAttributes.CNAME];
      if (target && isEncodableName(target) && !target.startsWith(".")) rec("CNAME", ttlCname, canonicalName(target), "service");
    }
    if (ttlSrv === void 0) continue;
    const host = `${instanceId.toLowerCase()}.${owner}`;
    if (!isEncodableName(host)) continue;
    const p = port3(attrs[ReservedAttributes.PORT]);
    if (p !== void 0) rec("SRV", ttlSrv, `1 1 ${p} ${host}`, "service");
    if (a) rec("A", ttlA ?? ttlSrv, a, "host", host);
    if (aaaa) rec("AAAA", ttlAAAA ?? ttlSrv, aaaa, "host", host);
  }
  return out;
}

export {
  OPERATIONS,
  SHAPES,
  CloudMapError,
  errors,
  RRL_OPTIONS,
  REDIS_OPTIONS,
  resolveRedisTarget,
  targetFromUrl,
  describeRedisTarget,
  resolveServeConfig,
  callCloudMap,
  listAllPages,
  commandConnectionOptions,
  reconnectWhenReadOnly,
  createRedisClient,
  whenReady,
  GAP_REASONS,
  RedisKeys,
  loadLua,
  numberOfKeys,
  RedisStore,
  waitForRedis,
  redisTargetOf,
  createStore,
  openStore,
  ReservedAttributes,
  isDnsNamespace,
  allocateRecordSpan,
  recordSpanArray,
  allocateBytes,
  RRType,
  RRClass,
  Opcode,
  Rcode,
  Flag,
  EDNS_DO,
  HEADER_BYTES,
  UDP_MIN_PAYLOAD,
  DEFAULT_UDP_PAYLOAD,
  STREAM_MAX_MESSAGE,
  isEncodableName,
  formatIPv6,
  canonicalIPv6,
  encodeRdata,
  canonicalName,
  View,
  corefileZones,
  renderCorefile,
  createLogger,
  isIPv4,
  isIPv6,
  hasHealthCheck,
  idFromIdOrArn,
  namespaceOrThrow,
  serviceOrThrow,
  setInstanceHealth,
  updateInstanceCustomHealthStatus,
  registerInstance,
  deregisterInstance,
  resourceOf,
  tagResource,
  untagResource,
  createNamespace,
  deleteNamespace,
  updateNamespace,
  setNamespaceHostedZone,
  createService,
  deleteService,
  updateService,
  DEFAULT_ZONE_NAMING,
  serviceRecordName,
  apexRRsets,
  negativeTtl,
  serviceRRsets,
  addReconcileOptions,
  resolveReconcileConfig
};
