import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveServeConfig } from './config.ts';
import type { Logger } from './log.ts';
import type { Instance, Namespace, Operation, Service } from './model/types.ts';
import { startDnsServer } from './runtime/node/dns-server.ts';
import { startGrpcServer } from './runtime/node/grpc-server.ts';
import { startHttpServer } from './runtime/node/http-server.ts';
import { type RunningServer, serve } from './server.ts';
import { MemoryStore } from './store/memory/memory-store.ts';
import type { Snapshot } from './store/store.ts';
import { decode, query } from '../test/support/dns-fixtures.ts';

const ns: Namespace = { id: 'ns-app', arn: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-app', name: 'app.local', type: 'DNS_PRIVATE', createDate: 0, httpName: 'app.local', resourceOwner: '123456789012' };
const svc: Service = {
  id: 'srv-backend', arn: 'arn:x', name: 'backend', namespaceId: 'ns-app', type: 'DNS_HTTP', createdByAccount: '123456789012', resourceOwner: '123456789012',
  createDate: 0, instancesRevision: 0, routingPolicy: 'MULTIVALUE', dnsRecords: [{ type: 'A', ttl: 30 }],
};
const inst: Instance = { id: 'i-1', serviceId: 'srv-backend', attributes: { AWS_INSTANCE_IPV4: '10.0.0.1' }, createdByAccount: '123456789012', createDate: 0, updateDate: 0, healthStatus: 'HEALTHY' };
const op = (id: string): Operation => ({ id, type: 'CREATE_NAMESPACE', status: 'SUCCESS', ownerAccount: '1', createDate: 0, updateDate: 0, targets: {} });

/** A memory store whose snapshot is held until `release()`: a slow loader, injected. */
class HeldStore extends MemoryStore {
  #release!: () => void;
  readonly #held = new Promise<void>((resolve) => (this.#release = resolve));
  release(): void {
    this.#release();
  }
  override async snapshot(): Promise<Snapshot> {
    await this.#held;
    return super.snapshot();
  }
}

/** A logger that hands each `listening on` line's port to `onPort`. */
function portsLogger(ports: Map<string, number>): Logger {
  const info = (obj: object | string): void => {
    const o = obj as { listener?: string; port?: number };
    if (typeof obj === 'object' && o.listener && o.port) ports.set(o.listener, o.port);
  };
  const noop = (): void => {};
  return { debug: noop, info, warn: noop, error: noop } as Logger;
}

function udpQuery(port: number, name: string): Promise<ReturnType<typeof decode>> {
  const socket = createSocket('udp4');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no DNS reply')), 2000);
    socket.once('message', (msg) => {
      clearTimeout(timer);
      socket.close();
      resolve(decode(new Uint8Array(msg)));
    });
    socket.send(query(name, 'A'), port, '127.0.0.1');
  });
}

describe('serve() while the view loads', () => {
  let running: RunningServer | undefined;
  afterEach(async () => running?.close());

  it('opens the listeners first: SERVFAIL (never NXDOMAIN), /readyz 503 and API calls held until the view is complete', async () => {
    const store = new HeldStore();
    await store.createNamespace(ns, op('o1'));
    await store.createService(svc);
    await store.registerInstance(inst, op('o3'));
    const ports = new Map<string, number>();
    const config = resolveServeConfig({ httpPort: '0', dnsPort: '0', grpcPort: '0', healthChecks: false }, {});
    const started = serve(config, store, { startHttpServer, startDnsServer, startGrpcServer }, portsLogger(ports));
    while (!ports.has('dns') || !ports.has('http')) await new Promise((r) => setTimeout(r, 5));
    const http = `http://127.0.0.1:${ports.get('http')}`;

    for (const name of ['backend.app.local', 'nope.app.local', 'other.zone']) {
      expect((await udpQuery(ports.get('dns')!, name)).rcode).toBe('SERVFAIL');
    }
    const ready = await fetch(`${http}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toContain('[-]view failed');
    // An API call waits for the view instead of reading a partial one.
    let apiStatus: number | undefined;
    const api = fetch(`${http}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Route53AutoNaming_v20170314.DiscoverInstances' },
      body: JSON.stringify({ NamespaceName: 'app.local', ServiceName: 'backend' }),
    }).then(async (r) => {
      apiStatus = r.status;
      return (await r.json()) as { Instances: { InstanceId: string }[] };
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(apiStatus).toBeUndefined();
    expect((await fetch(`${http}/healthz`)).status).toBe(200);

    store.release();
    running = await started;
    const answer = await udpQuery(ports.get('dns')!, 'backend.app.local');
    expect(answer.rcode).toBe('NOERROR');
    expect(answer.answers?.map((a) => (a as { data: unknown }).data)).toEqual(['10.0.0.1']);
    expect((await udpQuery(ports.get('dns')!, 'nope.app.local')).rcode).toBe('NXDOMAIN');
    expect((await fetch(`${http}/readyz`)).status).toBe(200);
    expect((await api).Instances.map((i) => i.InstanceId)).toEqual(['i-1']);
    expect(apiStatus).toBe(200);
  });
});
