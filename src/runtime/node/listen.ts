/**
 * Small socket helpers shared by the Node listeners: listen, close, TLS
 * material, and the first-bytes sniff that lets one port take several
 * protocols.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** TLS material for a listener, as file paths (PEM). */
export interface TlsFiles {
  /** Certificate chain, PEM. */
  certFile: string;
  /** Private key, PEM. */
  keyFile: string;
}

/**
 * Read PEM certificate and key files.
 * @throws Error naming the file that cannot be read
 */
export function readTlsFiles(files: TlsFiles): { cert: Buffer; key: Buffer } {
  const read = (path: string, what: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (e) {
      throw new Error(`cannot read TLS ${what} ${path}: ${(e as Error).message}`);
    }
  };
  return { cert: read(files.certFile, 'certificate'), key: read(files.keyFile, 'key') };
}

/**
 * Listen on `host:port` (0 picks a free port).
 * @returns the bound port
 * @throws the listen error (EADDRINUSE, EACCES, ...)
 */
export function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      resolve((server.address() as net.AddressInfo).port);
    });
  });
}

/** Close a server (stop accepting); resolves once its connections are gone. */
export function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Read a connection's first bytes until `classify` decides, then hand the
 * socket on with those bytes put back (`unshift`), paused. A connection that
 * does not decide within `deadlineMs` (absolute, not idle time: a client
 * sending one byte at a time cannot hold it open) is destroyed.
 *
 * @param classify returns a protocol name, or undefined while it needs more bytes
 * @param onProtocol receives the paused socket and the protocol
 */
export function sniff<P extends string>(
  socket: net.Socket,
  classify: (head: Buffer) => P | undefined,
  onProtocol: (socket: net.Socket, protocol: P) => void,
  deadlineMs: number,
  onError: (e: Error) => void,
): void {
  const chunks: Buffer[] = [];
  let length = 0;
  const timer = setTimeout(() => socket.destroy(), deadlineMs);
  const onData = (chunk: Buffer): void => {
    chunks.push(chunk);
    length += chunk.length;
    const head = chunks.length === 1 ? chunk : Buffer.concat(chunks, length);
    const protocol = classify(head);
    if (protocol === undefined) return;
    clearTimeout(timer);
    socket.off('data', onData);
    socket.off('error', onError);
    socket.off('close', onClose);
    socket.pause();
    socket.unshift(head);
    onProtocol(socket, protocol);
  };
  const onClose = (): void => clearTimeout(timer);
  socket.on('error', onError);
  socket.on('close', onClose);
  socket.on('data', onData);
}
