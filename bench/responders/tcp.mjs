// A trivial Node DNS-over-TCP responder with no DNS logic: each 2-byte
// length-prefixed message goes back with QR set (RFC 1035 §4.2.2 framing).
// Usage: node tcp.mjs PORT   (prints "ready PORT")
import net from 'node:net';

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    let buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let off = 0;
    while (buf.length - off >= 2) {
      const len = buf.readUInt16BE(off);
      if (buf.length - off - 2 < len) break;
      const frame = Buffer.from(buf.subarray(off, off + 2 + len));
      frame[4] |= 0x80;
      socket.write(frame);
      off += 2 + len;
    }
    pending = buf.subarray(off);
  });
  socket.on('error', () => {});
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log(`ready ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
