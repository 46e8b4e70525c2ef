import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { startExecution } from '@/lib/aws/sfn-writes';
import { sharedTemplate } from '@/infra/test/synth';
import type { DemoParameters } from '@/scripts/demo';
import { ALARM_OUTPUTS } from '../preflight';

/**
 * TapStacks on a real localaws for the promotion's integration test and the store benchmark: deployed from the
 * synthesized template (infra/test/synth.ts) with the demo seed's parameters, alarms set by hand, dry runs
 * started and waited for. The SDK clients here are the test's own (the app's go through lib/aws); dry runs use
 * lib/aws/sfn-writes like the dashboard's button, so AWS_ENDPOINT_URL must point at `url` before the first call.
 */
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as const;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function until<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value).slice(0, 500)}`);
    await sleep(25);
  }
}

export type LocalawsLab = ReturnType<typeof createLocalawsLab>;

export function createLocalawsLab(url: string, region: string, seeded: DemoParameters) {
  const home = { endpoint: url, region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const cfn = new CloudFormationClient(home);
  const cw = new CloudWatchClient(home);
  const sfn = new SFNClient(home);
  let fixtureRuns = 0;

  async function stackOf(name: string) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    if (!stack) throw new Error(`${name} not found`);
    return {
      status: stack.StackStatus ?? '',
      mode: stack.Parameters?.find((p) => p.ParameterKey === 'Mode')?.ParameterValue,
      outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue ?? ''])),
    };
  }

  const settled = (name: string) =>
    until(
      `${name} settled`,
      () => stackOf(name),
      (s) => !s.status.endsWith('_IN_PROGRESS'),
      60_000,
    );

  async function createTapStack(name: string, suffix: string, overrides: Record<string, string>): Promise<void> {
    const parameters: Parameter[] = Object.entries({ ...seeded, Mode: 'dry-run', ...overrides }).map(
      ([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }),
    );
    const body = JSON.stringify(sharedTemplate({ suffix }));
    await cfn.send(
      new CreateStackCommand({ StackName: name, TemplateBody: body, Parameters: parameters, Capabilities: [...CAPABILITIES] }),
    );
    const { status } = await settled(name);
    if (status !== 'CREATE_COMPLETE') throw new Error(`${name} ${status}`);
  }

  /** Back to Mode dry-run (after a promotion), waited for. */
  async function resetToDryRun(name: string) {
    let stack = await settled(name);
    if (stack.mode === 'dry-run') return stack;
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: name }));
    await cfn.send(
      new UpdateStackCommand({
        StackName: name,
        UsePreviousTemplate: true,
        Capabilities: [...CAPABILITIES],
        Parameters: (Stacks?.[0]?.Parameters ?? []).map(({ ParameterKey }) =>
          ParameterKey === 'Mode' ? { ParameterKey, ParameterValue: 'dry-run' } : { ParameterKey, UsePreviousValue: true },
        ),
        RollbackConfiguration: { RollbackTriggers: [], MonitoringTimeInMinutes: 0 },
      }),
    );
    stack = await settled(name);
    return stack;
  }

  async function setAlarms(stack: string, state: 'OK' | 'ALARM', which: readonly string[] = ALARM_OUTPUTS): Promise<string[]> {
    const { outputs } = await stackOf(stack);
    const names = which.map((key) => outputs[key] ?? '');
    for (const AlarmName of names)
      await cw.send(new SetAlarmStateCommand({ AlarmName, StateValue: state, StateReason: `set by the test (${state})` }));
    return names;
  }

  async function admin(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-localaws-admin': '1' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  /**
   * Dry runs as the dashboard's button starts them (`{"dryRun":true}`), each waited for. Named here rather than
   * by the service: its names have one-second resolution, and Step Functions answers a second start with the
   * same name and input while the first runs with that first execution.
   */
  async function dryRuns(stack: string, count: number): Promise<string[]> {
    const { outputs } = await stackOf(stack);
    const started = [];
    for (let i = 0; i < count; i++)
      started.push(
        await startExecution(outputs.StateMachineArn ?? '', `fixture-${++fixtureRuns}`, JSON.stringify({ dryRun: true })),
      );
    for (const { executionArn } of started) {
      await until(
        `dry run ${executionArn}`,
        () => sfn.send(new DescribeExecutionCommand({ executionArn })),
        (e) => e.status !== 'RUNNING',
      );
    }
    return started.map((s) => s.executionArn);
  }

  const destroy = () => {
    for (const client of [cfn, cw, sfn]) client.destroy();
  };

  return { cfn, cw, sfn, stackOf, settled, createTapStack, resetToDryRun, setAlarms, admin, dryRuns, destroy };
}
