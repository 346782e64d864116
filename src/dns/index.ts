/**
 * DNS answers for Cloud Map registrations: `createResolver(view).handle(bytes, ctx)`
 * for transports, `resolve(question, view)` for the logic alone. See
 * `resolver.ts` (message rules), `resolve.ts` (answers), `negative.ts`
 * (NXDOMAIN vs NODATA), `records.ts` (RRsets), `select.ts` (routing),
 * `wire.ts` (codec and size limits), `json.ts` (DoH JSON form).
 */
export { EDNS_DO, Flag, Rcode, RRClass, RRType, DEFAULT_UDP_PAYLOAD, STREAM_MAX_MESSAGE, UDP_MIN_PAYLOAD } from './constants.ts';
export { buildQuery, parseQueryType, responseToJson } from './json.ts';
export type { BuildQueryOptions, DnsJson, DnsJsonQuestion, DnsJsonRecord } from './json.ts';
export { RecordCache } from './record-cache.ts';
export { buildServiceRecords, buildZoneRecords, encodeRecord, SOA_TIMERS } from './records.ts';
export type { HostRecords, RecordPool, ServiceRecords, SrvTarget, WireRecord, ZoneNaming, ZoneRecords } from './records.ts';
export { DEFAULT_ZONE_NAMING, emptyResolution, resolve, resolveInto } from './resolve.ts';
export type { DnsQuestion, Resolution, ResolveOptions } from './resolve.ts';
export { createResolver } from './resolver.ts';
export type { DnsResolver, ResolverOptions, TransportContext } from './resolver.ts';
export { MULTIVALUE_MAX, pick } from './select.ts';
export type { RandomSource } from './select.ts';
export { asPacketBuffer, emptyParsedQuery, parseQuery } from './query.ts';
export type { ParsedQuery } from './query.ts';
export { encodeResponse, responseCacheTtl, responseSizeLimit } from './wire.ts';
export type { Transport } from './wire.ts';
