// A trivial Node DNS-over-UDP responder with no DNS logic, the reference for
// what node:dgram can do on one core: every datagram goes back with QR set.
// Usage: node udp.mjs PORT   (prints "ready PORT")
import dgram from 'node:dgram';

const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 4 << 20 });
socket.on('message', (msg, peer) => {
  msg[2] |= 0x80;
  socket.send(msg, peer.port, peer.address);
});
socket.bind(Number(process.argv[2]), '127.0.0.1', () => console.log(`ready ${socket.address().port}`));
process.on('SIGTERM', () => process.exit(0));
