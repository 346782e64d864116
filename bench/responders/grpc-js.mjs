// coredns.dns.DnsService/Query served by stock @grpc/grpc-js with our
// resolver (the compiled dist/) over the benchmark data: the alternative to
// our node:http2 listener, measured side by side (issue 6: keep the faster if
// correct). Usage: node grpc-js.mjs PORT SNAPSHOT.json   (prints "ready PORT")
import { readFileSync } from 'node:fs';
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import { createResolver } from '../../dist/dns/resolver.js';
import { decodeDnsPacket, encodeDnsPacket } from '../../dist/transport/grpc.js';
import { View } from '../../dist/view/view.js';

const view = new View();
view.load(JSON.parse(readFileSync(process.argv[3], 'utf8')));
const resolver = createResolver(view);
const server = new Server();
server.addService(
  {
    Query: {
      path: '/coredns.dns.DnsService/Query',
      requestStream: false,
      responseStream: false,
      requestDeserialize: (b) => decodeDnsPacket(b) ?? new Uint8Array(0),
      requestSerialize: (m) => Buffer.from(encodeDnsPacket(m)),
      responseSerialize: (m) => Buffer.from(encodeDnsPacket(m)),
      responseDeserialize: (b) => decodeDnsPacket(b),
    },
  },
  {
    Query: (call, callback) => {
      const response = resolver.handle(call.request, { transport: 'grpc' });
      if (!response) callback({ code: status.INVALID_ARGUMENT, details: 'not a DNS query' });
      else callback(null, response);
    },
  },
);
server.bindAsync(`127.0.0.1:${process.argv[2]}`, ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  console.log(`ready ${port}`);
});
process.on('SIGTERM', () => process.exit(0));
