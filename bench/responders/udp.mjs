// A trivial Node DNS-over-UDP responder with no DNS logic, the reference for
// what node:dgram can do on one core: every datagram goes back with QR set.
// With `sync`, destinations skip dgram's per-send lookup tick (as cloudmap-dns does),
// the ceiling for a Node UDP server. Usage: node udp.mjs PORT [sync]   (prints "ready PORT")
import dgram from 'node:dgram';

const sync = process.argv[3] === 'sync';
const lookup = (host, family, callback) => callback(null, host, 4);
const socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 4 << 20, ...(sync && { lookup }) });
socket.on('message', (msg, peer) => {
  msg[2] |= 0x80;
  socket.send(msg, peer.port, peer.address);
});
socket.bind(Number(process.argv[2]), '127.0.0.1', () => console.log(`ready ${socket.address().port}`));
process.on('SIGTERM', () => process.exit(0));
