import { type AddressVetter, vetAddress } from '../../src/linkCheck/address';
// A throwaway HTTP server on 127.0.0.1 for engine tests that need answers the sandbox does not
// give (compressed pages, endless bodies, counting requests in flight).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface SeenRequest {
  host: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface LocalServer {
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startLocalServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<LocalServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({
      host: req.headers.host ?? '',
      url: req.url ?? '',
      headers: req.headers,
    });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * TEST ONLY: the real vetting, except that 127.0.0.1 passes, so the real (non-test) mode can be
 * pointed at a local server. The app never gets this; the default refuses loopback.
 */
export const allowLoopbackForTest: AddressVetter = (address) =>
  address === '127.0.0.1' ? { allowed: true } : vetAddress(address);
