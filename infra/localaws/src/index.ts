/** Starts localaws in-process: what the CLI, the tests and the dashboard's local mode call. */
import type { AddressInfo } from 'node:net';
import { RequestCounter } from './admin';
import { createClock } from './clock';
import { createLocalawsServer } from './server';
import { createCloudFormationService } from './services/cloudformation/handlers';
import { createServiceModels } from './services/models';
import { createStsService } from './services/sts/handlers';

export interface LocalawsOptions {
  /** 0 picks a free port */
  port?: number;
  host?: string;
  /** simulated-time factor: 100 makes a 30 s resource take 0.3 s */
  speed?: number;
  log?: (line: string) => void;
}

export interface Localaws {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startLocalaws(opts: LocalawsOptions = {}): Promise<Localaws> {
  const host = opts.host ?? '127.0.0.1';
  const clock = createClock(opts.speed ?? 1);
  const log = opts.log ?? ((line: string) => console.error(line));
  const server = createLocalawsServer({
    clock,
    counter: new RequestCounter(),
    services: [createStsService(), createCloudFormationService(clock, createServiceModels(), log)],
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4566, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive sockets from SDK clients would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
