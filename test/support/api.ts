/**
 * A Cloud Map API client for test setup: plain awsJson1_1 requests without
 * the SDK or the aws CLI, for suites where those are not under test.
 */
import { request } from 'node:http';

/**
 * Calls one Cloud Map operation on `127.0.0.1:httpPort` with a JSON body, on
 * a new connection each time (no keep-alive reuse racing the server's idle
 * close while polling).
 * @returns the output shape, parsed
 * @throws Error naming the operation, the HTTP status and the error body when the status is not 200
 */
export function api(httpPort: number, operation: string, body: unknown): Promise<any> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: httpPort, path: '/', method: 'POST', agent: false,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `Route53AutoNaming_v20170314.${operation}`, 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const json = text ? JSON.parse(text) : {};
        if (res.statusCode !== 200) reject(new Error(`${operation}: ${res.statusCode} ${text}`));
        else resolve(json);
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
