// Bare node:http2 responders, the references for DoH and gRPC on one core:
// - `doh`: TLS (ALPN h2), answers every request with a fixed 60-byte body,
//   content-type application/dns-message and content-length;
// - `grpc`: cleartext h2c, echoes the request body as a gRPC unary response
//   with a `grpc-status: 0` trailer.
// Usage: node h2.mjs doh|grpc PORT [CERT KEY]   (prints "ready PORT")
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';

const [mode, port, cert, key] = process.argv.slice(2);
const server = mode === 'doh' ? http2.createSecureServer({ cert: readFileSync(cert), key: readFileSync(key) }) : http2.createServer();
const answer = Buffer.alloc(60, 1);
server.on('connection', (s) => s.setNoDelay(true));
server.on('secureConnection', (s) => s.setNoDelay(true));
server.on('stream', (stream) => {
  const chunks = [];
  stream.on('data', (c) => chunks.push(c));
  stream.on('end', () => {
    if (mode === 'doh') {
      stream.respond({ ':status': 200, 'content-type': 'application/dns-message', 'content-length': answer.length });
      stream.end(answer);
    } else {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(Buffer.concat(chunks));
    }
  });
  stream.on('error', () => {});
});
server.listen(Number(port), '127.0.0.1', () => console.log(`ready ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
