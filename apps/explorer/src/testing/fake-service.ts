import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly requestedBy: string | undefined;
  readonly body: string;
}

export interface FakeService {
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

export type Route = (request: SeenRequest) => { status: number; body?: unknown; headers?: Record<string, string> };

/** A real HTTP server standing in for one service, answering by route, and keeping what it was asked. */
export async function startFakeService(route: Route): Promise<FakeService> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const requestedBy = req.headers['x-requested-by'];
      const seen = { method: req.method ?? 'GET', url: req.url ?? '/', authorization: req.headers.authorization, requestedBy: Array.isArray(requestedBy) ? requestedBy[0] : requestedBy, body };
      requests.push(seen);
      const answer = route(seen);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
