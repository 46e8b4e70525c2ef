/** Starts localaws in-process: what the CLI, the tests and the dashboard's local mode call. */
export { compileFilterPattern, PatternError, type CompiledPattern } from './services/logs/filter-pattern';
import type { AddressInfo } from 'node:net';
import { RequestCounter } from './admin';
import { createLocalawsServer } from './server';
import { createCloudFormationService } from './services/cloudformation/handlers';
import { createCloudWatch } from './services/cloudwatch/handlers';
import { createDynamoDbService } from './services/dynamodb/handlers';
import { createIamService } from './services/iam/handlers';
import { createKmsService } from './services/kms/handlers';
import { createLogsService } from './services/logs/handlers';
import { connectMetricFilters } from './services/logs/metric-filter-bridge';
import { createServiceModels } from './services/models';
import { createS3Service } from './services/s3/handlers';
import { createSsmService } from './services/ssm/handlers';
import { createSfnService } from './services/sfn/handlers';
import { createStsService } from './services/sts/handlers';
import { LocalawsOperations } from './state/operations';

export interface LocalawsOptions {
  /** 0 picks a free port */
  port?: number;
  host?: string;
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
  const log = opts.log ?? ((line: string) => console.error(line));
  // Faults, persistence and the admin API's reach; created first so it sees every store the services build.
  const ops = new LocalawsOperations({ speed: opts.speed ?? 1, dataDir: opts.dataDir, reset: opts.reset, log });
  const clock = ops.clock;
  // One set of models: resources CloudFormation provisions are visible to the service APIs and back.
  const models = createServiceModels();
  // Log events landing in a group (any service's) run its metric filters into CloudWatch metrics.
  connectMetricFilters(models.logs, models.cloudwatch);
  // Step Functions' SDK tasks call localaws over HTTP; its URL is known once it listens.
  let selfUrl = '';
  // CloudWatch's alarm evaluator runs with the server (speed-up: LOCALAWS_ALARM_SPEEDUP or models.cloudwatch.setSpeedup).
  const cloudwatch = createCloudWatch(models, log);
  const server = createLocalawsServer({
    clock,
    counter: new RequestCounter(),
    admin: ops.admin,
    beforeInvoke: ops.beforeInvoke,
    services: [createStsService(models), createCloudFormationService(clock, models, log), createDynamoDbService(models), createIamService(models), createS3Service(models), createSsmService(models), createKmsService(models.kms), createLogsService({ model: models.logs, kms: models.kms }), cloudwatch.service, createSfnService({ clock, models, endpoint: () => selfUrl })],
    sessions: models.sts,
    log,
  });
  ops.attach(models);
  cloudwatch.scheduler.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4566, host, () => resolve());
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
        ops.close();
        cloudwatch.scheduler.stop();
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive sockets from SDK clients would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
