/** Starts localaws in-process: what the CLI, the tests and the dashboard's local mode call. */
export { compileFilterPattern, PatternError, type CompiledPattern } from './services/logs/filter-pattern';
import type { AddressInfo } from 'node:net';
import { RequestCounter } from './admin';
import { createLocalawsServer } from './server';
import { hostName, isLoopbackName } from './security/request-gate';
import { createCloudFormationService } from './services/cloudformation/handlers';
import { createCloudWatchService } from './services/cloudwatch/handlers';
import { createDynamoDbService } from './services/dynamodb/handlers';
import { createIamService } from './services/iam/handlers';
import { createKmsService } from './services/kms/handlers';
import { createLogsService } from './services/logs/handlers';
import { connectMetricFilters } from './services/logs/metric-filter-bridge';
import { createServiceModels } from './services/models';
import { createS3Service } from './services/s3/handlers';
import { createServices, serviceApis } from './services/service';
import { createSnsService } from './services/sns/handlers';
import { createSsmService } from './services/ssm/handlers';
import { createSfnService, recordThrottledCall } from './services/sfn/handlers';
import { createStsService } from './services/sts/handlers';
import { LocalawsOperations } from './state/operations';

export interface LocalawsOptions {
  /** 0 picks a free port */
  port?: number;
  /** the address to listen on: 127.0.0.1 by default; anything not loopback needs `allowRemote` */
  host?: string;
  /**
   * Listen beyond loopback on purpose. localaws has no authentication: anyone who can reach the port can read and
   * change everything. Also accepts IP-literal Host headers (which DNS rebinding cannot forge).
   */
  allowRemote?: boolean;
  /** Host header names accepted besides loopback ones (e.g. `my-box.lan`, `*.internal`), or `*` for any */
  allowedHosts?: string[];
  /** simulated-time factor: 100 makes a 30 s resource take 0.3 s */
  speed?: number;
  log?: (line: string) => void;
  /** persist state in this directory across restarts (in memory when absent) */
  dataDir?: string;
  /** with dataDir: delete the saved state and start clean */
  reset?: boolean;
  /**
   * What `POST /_localaws/demo/seed` does, given this localaws's URL: the embedding application's own demo world
   * (tapdeck's is scripts/demo). Without it the endpoint is 404.
   */
  seedDemo?: (url: string) => Promise<unknown>;
}

export interface Localaws {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startLocalaws(opts: LocalawsOptions = {}): Promise<Localaws> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackName(hostName(host)) && !opts.allowRemote) {
    throw new Error(
      `refusing to listen on ${host}: localaws has no authentication, so anyone who can reach it could change everything; pass allowRemote (--allow-remote) to do it anyway`,
    );
  }
  const log = opts.log ?? ((line: string) => console.error(line));
  // Faults, persistence and the admin API's reach; created first: the services need its clock and hooks.
  const ops = new LocalawsOperations({ speed: opts.speed ?? 1, dataDir: opts.dataDir, reset: opts.reset, log });
  const clock = ops.clock;
  // One set of models: resources CloudFormation provisions are visible to the service APIs and back.
  const models = createServiceModels(clock);
  // Log events landing in a group (any service's) run its metric filters into CloudWatch metrics.
  connectMetricFilters(models.logs, models.cloudwatch);
  // Step Functions' SDK tasks call localaws over HTTP; its URL is known once it listens.
  let selfUrl = '';
  // Every service from one context; their background work (CloudWatch's alarm evaluator) runs with the server.
  const services = createServices({ models, clock, log, endpoint: () => selfUrl }, [
    createStsService,
    createCloudFormationService,
    createDynamoDbService,
    createIamService,
    createS3Service,
    createSsmService,
    createKmsService,
    createLogsService,
    createCloudWatchService,
    createSfnService,
    createSnsService,
  ]);
  const server = createLocalawsServer({
    clock,
    counter: new RequestCounter(),
    admin: ops.admin,
    beforeInvoke: ops.beforeInvoke,
    services: serviceApis(services),
    sessions: models.sts,
    log,
    gate: { allowRemote: opts.allowRemote, allowedHosts: opts.allowedHosts },
  });
  // Loads the models' declared stores from the data directory (locking it) before any request is served.
  ops.attach(models);
  // The fault engine answers before any handler runs: Step Functions counts the StartExecutions it throttled.
  ops.faults.onThrottle((call) => recordThrottledCall(models, call));
  for (const service of services) service.start?.();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4566, host, () => resolve());
  }).catch(async (error: unknown) => {
    // A port in use must not leave the data directory locked.
    for (const service of services) service.stop?.();
    await ops.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  selfUrl = `http://${host}:${port}`;
  const seedDemo = opts.seedDemo;
  if (seedDemo) ops.admin.seedDemo = () => seedDemo(selfUrl);
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const service of services) service.stop?.();
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive sockets from SDK clients would otherwise hold close() open.
        server.closeAllConnections();
        // The final save runs after the last request, then the data directory's lock goes.
      }).finally(() => ops.close()),
  };
}
