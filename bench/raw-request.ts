/**
 * The load generator's requests: raw HTTP over a keep-alive agent, shaped as the SDK sends them (localaws
 * routes by the SigV4 scope and does not verify signatures). The SDK's own parsing of a 100-event page costs
 * the client more CPU than localaws spends answering it, so SDK-driven load would measure the SDK.
 */
import { Agent, request } from 'node:http';

export function rawCaller(
  url: string,
  service: string,
  headers: Record<string, string>,
  body: string,
  concurrency: number,
): () => Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const { hostname, port } = new URL(url);
  const allHeaders = {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`,
  };
  return () =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: hostname, port, method: 'POST', path: '/', agent, headers: allHeaders }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
}
