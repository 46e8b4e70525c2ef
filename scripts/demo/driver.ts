/**
 * The demo driver: keeps the dashboard alive by starting a dry-run execution of the TapStack workflow every
 * few seconds and, now and then, making the target account's S3 or DynamoDB calls throttle or fail through the
 * faults engine, so the Throttles and Errors alarms have something to react to. Every step fails soft with one
 * log line per distinct problem (e.g. the stack is not deployed yet), and keeps trying.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DEMO_TARGET_ACCOUNT } from './seed';

export interface DemoDriverOptions {
  /** the TapStack to drive, e.g. `TapStack-dev`; its `StateMachineArn` output names the workflow */
  stackName: string;
  /** time between executions, real milliseconds (default 5000) */
  intervalMs?: number;
  /** every Nth execution runs under an injected fault, alternating throttle and error (default 4; 0 = never) */
  faultEvery?: number;
  /** the account whose S3/DynamoDB calls get the faults (default the demo target account 111111111111) */
  faultAccount?: string;
  region?: string;
  log?: (line: string) => void;
}

export interface DemoDriver {
  /** executions started so far */
  readonly started: number;
  /** stops the timer, waits for the current tick, and removes the faults the driver added */
  stop(): Promise<void>;
}

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Starts the driver against the localaws at `url`; the first execution starts right away. */
export function startDemoDriver(url: string, options: DemoDriverOptions): DemoDriver {
  const log = options.log ?? ((line: string) => console.log(line));
  const intervalMs = options.intervalMs ?? 5_000;
  const faultEvery = options.faultEvery ?? 4;
  const config = {
    endpoint: url,
    region: options.region ?? 'us-east-1',
    credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
    maxAttempts: 1,
  };
  const cfn = new CloudFormationClient(config);
  const sfn = new SFNClient(config);
  const faultIds: string[] = [];
  let stateMachineArn: string | undefined;
  let lastProblem = '';
  let tick = 0;
  let started = 0;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  // Logs a problem once until it changes, so a stack that is still deploying does not flood the terminal.
  const problem = (line: string) => {
    if (line !== lastProblem) log(`demo driver: ${line}`);
    lastProblem = line;
  };

  async function findStateMachine(): Promise<string | undefined> {
    if (stateMachineArn) return stateMachineArn;
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: options.stackName }));
    stateMachineArn = Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'StateMachineArn')?.OutputValue;
    if (!stateMachineArn)
      problem(`${options.stackName} has no StateMachineArn output yet (${Stacks?.[0]?.StackStatus ?? 'not found'}); waiting`);
    return stateMachineArn;
  }

  async function injectFault(kind: 'throttle' | 'error'): Promise<void> {
    const service = tick % 2 === 0 ? 's3' : 'dynamodb';
    // A few calls' worth: the workflow retries throttling with backoff, so a short burst shows as throttles
    // that recover; one error fails the execution, which is what moves the Errors alarm.
    const rule =
      kind === 'throttle'
        ? { service, account: options.faultAccount ?? DEMO_TARGET_ACCOUNT, throttleRate: 1, count: 3 }
        : { service, account: options.faultAccount ?? DEMO_TARGET_ACCOUNT, errorRate: 1, count: 1 };
    const response = await fetch(`${url}/_localaws/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-localaws-admin': '1' },
      body: JSON.stringify(rule),
    });
    if (!response.ok) return problem(`could not inject a ${kind} (${response.status} ${await response.text()})`);
    const { added } = (await response.json()) as { added: Array<{ id: string }> };
    faultIds.push(...added.map((a) => a.id));
    log(`demo driver: injected a ${kind} on ${service} calls in ${rule.account}`);
  }

  async function runOnce(): Promise<void> {
    tick += 1;
    try {
      const arn = await findStateMachine();
      if (!arn) return;
      if (faultEvery > 0 && tick % faultEvery === 0) await injectFault((tick / faultEvery) % 2 === 1 ? 'throttle' : 'error');
      const { executionArn } = await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: arn,
          name: `demo-${Date.now()}-${tick}`,
          input: JSON.stringify({ dryRun: true }),
        }),
      );
      started += 1;
      lastProblem = '';
      log(`demo driver: started ${executionArn?.split(':').pop() ?? 'an execution'}`);
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name === 'StateMachineDoesNotExist') stateMachineArn = undefined;
      problem(
        name === 'UnknownOperationException'
          ? 'this localaws has no Step Functions API yet; waiting'
          : `tick failed: ${errorText(error)}`,
      );
    }
  }

  const timer = setInterval(() => {
    if (!stopped) running = running.then(runOnce);
  }, intervalMs);
  running = runOnce();

  return {
    get started() {
      return started;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      for (const id of faultIds.splice(0))
        await fetch(`${url}/_localaws/faults?id=${encodeURIComponent(id)}`, {
          method: 'DELETE',
          headers: { 'x-localaws-admin': '1' },
        }).catch(() => undefined);
      cfn.destroy();
      sfn.destroy();
    },
  };
}
