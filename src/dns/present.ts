/**
 * Presentation form of encoded RDATA (RFC 1035 §5.1), the inverse of
 * `rdata.ts`'s encoders for the types we serve: A, AAAA, NS, CNAME, SRV and
 * SOA. Used to show a `WireRecord`'s value (tests, logs), never on the query
 * path: the record memo keeps only the wire bytes.
 */
import { RRType } from './constants.ts';
import { formatIPv6 } from './rdata.ts';

/** An uncompressed domain name at `at` (our encoder never compresses), lowercase as stored, without trailing dot. */
function readName(bytes: Uint8Array, at: number): [name: string, end: number] {
  const labels: string[] = [];
  for (let len = bytes[at]!; len !== 0; len = bytes[at]!) {
    labels.push(String.fromCharCode(...bytes.subarray(at + 1, at + 1 + len)));
    at += 1 + len;
  }
  return [labels.join('.'), at + 1];
}

const u16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number): number => u16(b, at) * 65536 + u16(b, at + 2);

/**
 * The presentation form of the RDATA at `bytes[at .. at + length)` for
 * `type`, as `rrsets.ts` writes it (`10.0.0.1`, `1 1 8080 i-1.backend.app.local`).
 * @throws Error for a type this module does not present
 */
export function presentRdata(type: number, bytes: Uint8Array, at: number, length: number): string {
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
      return `${mname} ${rname} ${timers.join(' ')}`;
    }
    default:
      throw new Error(`no presentation form for type ${type} (${length} bytes)`);
  }
}
