/**
 * A redis-server with TLS only (no plain port) and ACL users, for the
 * Redis TLS/ACL suites: certificates from the real `openssl` (the test CA of
 * `tls-cert.ts`, plus a client certificate signed by it for
 * `tls-auth-clients yes`).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.ts';
import { type RedisNode, startRedisNode } from './redis-nodes.ts';
import { makeTestCertificate, type TestCertificate } from './tls-cert.ts';

/** A TLS redis-server and its PKI. */
export interface TlsRedis {
  node: RedisNode;
  /** Its TLS port. */
  port: number;
  pki: TestCertificate;
  /** Client certificate and key signed by the CA (PEM files). */
  clientCertFile: string;
  clientKeyFile: string;
  /** The ACL user the suites use, its password, and the key pattern it may touch. */
  user: string;
  password: string;
  stop(): Promise<void>;
}

/**
 * Starts `redis-server --port 0 --tls-port P` with client certificates
 * required, the `default` user off, and user `cloudmap` allowed only keys
 * matching `keyPattern` and the command categories cloudmap-dns needs
 * (the rule docs/redis-keys.md recommends).
 */
export async function startTlsRedis(keyPattern: string): Promise<TlsRedis> {
  const pki = makeTestCertificate();
  const clientKeyFile = join(pki.dir, 'client.key');
  const clientCertFile = join(pki.dir, 'client.pem');
  const run = (args: string[]): void => void execFileSync('openssl', args, { cwd: pki.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  run(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=cloudmap-dns client']);
  writeFileSync(join(pki.dir, 'client.ext'), 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n');
  run(['x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.pem', '-days', '1', '-extfile', 'client.ext']);
  const port = await freePort();
  const user = 'cloudmap';
  const password = 'pa:ss@w/rd';
  const node = await startRedisNode({
    port, tlsOnly: true,
    args: [
      '--port', '0', '--tls-port', String(port),
      '--tls-cert-file', pki.certFile, '--tls-key-file', pki.keyFile, '--tls-ca-cert-file', pki.caFile, '--tls-auth-clients', 'yes',
      '--user', 'default', 'off',
      '--user', user, 'on', `>${password}`, `~${keyPattern}`, 'resetchannels', '+@read', '+@write', '+@scripting', '+@connection', '+@transaction', '+info',
    ],
  });
  return {
    node, port, pki, clientCertFile, clientKeyFile, user, password,
    stop: async () => {
      await node.stop();
      pki.remove();
    },
  };
}
