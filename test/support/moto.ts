/**
 * moto's server as the Route 53 peer for tests: `python3 -m moto.server`
 * (moto 5.x with the `server` extra; `npm test` installs it with pip when
 * missing, see scripts/test-prereqs.mjs) on a free 127.0.0.1 port.
 *
 * moto answers the Route 53 REST API as AWS does for what we use: it
 * rejects a CREATE of an existing record set and a DELETE that does not
 * match exactly, pages ListResourceRecordSets, and keeps hosted zone tags.
 * It is started in its own process group and stopped with all its children.
 * Clients talk to it through a small proxy, which can answer with Route 53's
 * throttling errors on demand (moto never throttles).
 *
 * Two moto 5.2.1 bugs in ChangeResourceRecordSets are patched at start
 * (`ROUTE53_FIXES`); nothing else in moto is changed:
 * 1. A DELETE of a record set with a SetIdentifier removes every record set
 *    in the zone that has that SetIdentifier, whatever its name and type
 *    (`FakeZone.delete_rrset_by_id`). Route 53 removes only the record set
 *    with that name, type and SetIdentifier; so does the patch.
 * 2. moto checks CREATE and DELETE against its journal of past changes
 *    (`FakeZone.rr_changes`), so re-creating a record set exactly as it was
 *    created before and deleted since is refused ("already exists") when any
 *    record set sorts after it. The patch drops journal entries whose record
 *    set is no longer in the zone with those values before each request, so
 *    the journal describes what the zone holds, as Route 53's checks do.
 * A suite that needs it fails loudly when it cannot start; it never skips.
 */
import { Route53Client } from '@aws-sdk/client-route-53';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer as createHttpServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from './free-port.ts';

/** A running moto server. */
export interface MotoHandle {
  /** `http://127.0.0.1:PORT` of the proxy in front of moto: the value for `--route53-endpoint`. */
  url: string;
  /** A Route 53 client pointed at it (dummy credentials, us-east-1, no retries). */
  route53(): Route53Client;
  /**
   * Answer the next `count` ChangeResourceRecordSets requests with Route 53's
   * throttling error `code` (HTTP 400, Route 53's XML error body) instead of
   * passing them to moto, as Route 53 does under load.
   */
  throttleNext(count: number, code?: 'Throttling' | 'PriorRequestNotComplete'): void;
  /** Requests answered with a throttling error so far. */
  throttled(): number;
  /** Drop every resource moto holds (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** Stop moto and its children. */
  stop(): Promise<void>;
}

/** Python run before moto's server: the DELETE-by-SetIdentifier fix described in the module comment. */
const ROUTE53_FIXES = `
import sys, threading
from moto.route53 import models as m
_local = threading.local()
_change = m.Route53Backend.change_resource_record_sets
def _key(name, rtype, set_id, ttl, values):
    values = tuple(v["Value"] if isinstance(v, dict) else v for v in values or [])
    return (name if name.endswith(".") else name + ".", rtype, set_id, str(ttl), values)
def change_resource_record_sets(self, zoneid, change_list):
    zone = self.get_hosted_zone(zoneid)
    present = {_key(r.name, r.type, r.set_identifier, r.ttl, r.records) for r in zone.rrsets}
    for c in [c for c in zone.rr_changes if c.get("Action") in ("CREATE", "UPSERT")]:
        rs = c["ResourceRecordSet"]
        if "AliasTarget" not in rs and _key(rs["Name"], rs["Type"], rs.get("SetIdentifier"), rs.get("TTL", 0), rs.get("ResourceRecords")) not in present:
            zone.rr_changes.remove(c)
    _local.deletes = [c["ResourceRecordSet"] for c in change_list if c.get("Action") == "DELETE" and "SetIdentifier" in c["ResourceRecordSet"]]
    try:
        return _change(self, zoneid, change_list)
    finally:
        _local.deletes = []
def delete_rrset_by_id(self, set_identifier):
    rrset = _local.deletes.pop(0)
    name = rrset["Name"] if rrset["Name"].endswith(".") else rrset["Name"] + "."
    self.rrsets = [r for r in self.rrsets if not (r.name == name and r.type == rrset["Type"] and r.set_identifier == set_identifier)]
m.Route53Backend.change_resource_record_sets = change_resource_record_sets
m.FakeZone.delete_rrset_by_id = delete_rrset_by_id
from moto.server import main
main(sys.argv[1:])
`;

const MISSING = "moto's server is not installed for python3: run `pip install 'moto[server]'` (npm test does it)";

/** Signals the whole process group of `child`, ignoring one that is gone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts moto and resolves once `GET /moto-api/` answers 200.
 * @throws Error (naming the pip package) when python3 or moto is missing, or it does not answer within 30 s
 */
export async function startMoto(): Promise<MotoHandle> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('python3', ['-c', ROUTE53_FIXES, '-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 20_000) stderr += chunk.toString();
  });
  const killOnExit = (): void => signalGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited (${child.exitCode}): ${/No module named/.test(stderr) ? MISSING : stderr}`);
    const failed = await Promise.race([spawnError, new Promise<undefined>((r) => setTimeout(() => r(undefined), 100))]);
    if (failed) throw new Error(`cannot run python3 for moto (${failed.message}); ${MISSING}`);
    try {
      if ((await fetch(`${url}/moto-api/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      signalGroup(child, 'SIGKILL');
      throw new Error(`moto did not answer on ${url} within 30 s: ${stderr}`);
    }
  }
  const proxy = await throttlingProxy(port);
  return {
    url: proxy.url,
    route53: () => new Route53Client({ endpoint: proxy.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 }),
    throttleNext: proxy.throttleNext,
    throttled: proxy.throttled,
    reset: async () => {
      const res = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    stop: async () => {
      await proxy.close();
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A pass-through HTTP proxy to moto on `port` that can throttle ChangeResourceRecordSets. */
async function throttlingProxy(port: number) {
  let pending: { count: number; code: string } = { count: 0, code: 'Throttling' };
  let throttled = 0;
  const server = createHttpServer((req, res) => {
    if (pending.count > 0 && req.method === 'POST' && /\/rrset\/?$/.test(req.url ?? '')) {
      pending.count--;
      throttled++;
      req.resume();
      const body = `<?xml version="1.0"?>\n<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>${pending.code}</Code><Message>Rate exceeded</Message></Error><RequestId>throttle-${throttled}</RequestId></ErrorResponse>`;
      res.writeHead(400, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', (error) => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    throttleNext: (count: number, code: 'Throttling' | 'PriorRequestNotComplete' = 'Throttling') => {
      pending = { count, code };
    },
    throttled: () => throttled,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
