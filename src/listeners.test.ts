import { describe, expect, it } from 'vitest';
import { resolveListeners } from './listeners.ts';

const kinds = (flags: Parameters<typeof resolveListeners>[1]) => resolveListeners('::1', flags).map((l) => `${l.kind}:${l.port}${l.tls ? (l.tls.required ? '+tls-only' : '+tls') : ''}`);

describe('resolveListeners (one server per transport, CoreDNS-style)', () => {
  it.each([
    [{}, ['http:8053', 'dns:1053', 'grpc:8054']],
    [{ grpcPort: '0' }, ['http:8053', 'dns:1053']],
    [{ httpPort: '0', dnsPort: '0', grpcPort: '9000' }, ['http:0', 'dns:0', 'grpc:9000']],
    [{ tlsCert: 'c.pem', tlsKey: 'k.pem' }, ['http:8053', 'dns:1053', 'grpc:8054+tls']],
    [{ tlsCert: 'c.pem', tlsKey: 'k.pem', httpsPort: '8443', grpcTls: true }, ['http:8053', 'dns:1053', 'grpc:8054+tls-only', 'https:8443+tls']],
  ])('%j → %j', (flags, expected) => {
    expect(kinds(flags)).toEqual(expected);
  });

  it('carries the host, the connection cap and the DNS TCP idle timeout', () => {
    const list = resolveListeners('0.0.0.0', { maxConnections: '50', tcpIdleTimeout: '2.5', tlsCert: 'c', tlsKey: 'k' });
    expect(list.every((l) => l.host === '0.0.0.0' && l.maxConnections === 50)).toBe(true);
    expect(list.find((l) => l.kind === 'dns')?.idleTimeoutMs).toBe(2500);
    expect(list.find((l) => l.kind === 'grpc')?.tls).toEqual({ certFile: 'c', keyFile: 'k', required: false });
  });

  it.each([
    [{ httpsPort: '8443' }, '--https-port needs --tls-cert and --tls-key'],
    [{ grpcTls: true }, '--grpc-tls needs --tls-cert and --tls-key'],
    [{ tlsCert: 'c.pem' }, '--tls-cert and --tls-key must be given together'],
    [{ grpcTls: true, tlsCert: 'c', tlsKey: 'k', grpcPort: '0' }, '--grpc-tls needs a gRPC listener'],
    [{ grpcPort: '65536' }, '--grpc-port must be a port number'],
    [{ maxConnections: '0' }, '--max-connections must be a number above 0'],
    [{ tcpIdleTimeout: 'soon' }, '--tcp-idle-timeout must be a number of seconds above 0'],
  ])('rejects %j', (flags, message) => {
    expect(() => resolveListeners('127.0.0.1', flags)).toThrow(message);
  });
});
