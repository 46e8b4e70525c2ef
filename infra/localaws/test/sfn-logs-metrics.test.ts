/**
 * Execution logs and AWS/States metrics, read in-process from the Logs and CloudWatch models (their APIs are
 * another engineer's), plus raw HTTP for the protocol edges. The server carries only Step Functions here.
 */
import type { AddressInfo } from 'node:net';
import { CreateStateMachineCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestCounter } from '../src/admin';
import { createClock } from '../src/clock';
import { createLocalawsServer } from '../src/server';
import { createServiceModels } from '../src/services/models';
import { createServices, serviceApis } from '../src/services/service';
import { createSfnService, recordThrottledStart } from '../src/services/sfn/handlers';
import { LOG_DELIVERY_ACTIONS } from '../src/services/sfn/logging-check';
import { ACCOUNT, sfnClient, waitForExecution } from '../src/testing';

const models = createServiceModels();
const clock = createClock(200);
let url = '';
const services = createServices({ models, clock, log: () => {}, endpoint: () => url }, [createSfnService]);
const server = createLocalawsServer({ clock, counter: new RequestCounter(), log: () => {}, services: serviceApis(services) });
let sfn: SFNClient;
const GROUP = '/aws/vendedlogs/states/logged';
const GROUP_ARN = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${GROUP}:*`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/logged`;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sfn = sfnClient(url);
  models.logs.groups.get(ACCOUNT, 'us-east-1').set(GROUP, { name: GROUP, arn: GROUP_ARN, creationTime: new Date() });
  const policy = { Statement: [{ Effect: 'Allow', Action: LOG_DELIVERY_ACTIONS, Resource: '*' }] };
  models.iam.rolesOf(ACCOUNT).set('logged', {
    name: 'logged',
    arn: ROLE,
    roleId: 'AROAX',
    assumeRolePolicy: {},
    inlinePolicies: new Map([['logs', policy]]),
    managedPolicyArns: [],
  });
});
afterAll(async () => {
  sfn?.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const FAILING = {
  StartAt: 'Hello',
  States: { Hello: { Type: 'Pass', Next: 'Boom' }, Boom: { Type: 'Fail', Error: 'Boom', Cause: 'on purpose' } },
};

async function runLogged(name: string, level: 'ALL' | 'ERROR' | 'FATAL', includeExecutionData: boolean) {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name,
      definition: JSON.stringify(FAILING),
      roleArn: ROLE,
      loggingConfiguration: {
        level,
        includeExecutionData,
        destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: GROUP_ARN } }],
      },
    }),
  );
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"k":"v"}' }));
  await waitForExecution(sfn, executionArn ?? '');
  const streams = [...(models.logs.streams.get(ACCOUNT, 'us-east-1').get(GROUP)?.values() ?? [])].filter((s) =>
    s.name.startsWith(`states/${name}/`),
  );
  const messages = streams.flatMap((s) => s.events.map((e) => JSON.parse(e.message) as Record<string, unknown>));
  return { stateMachineArn: stateMachineArn ?? '', executionArn: executionArn ?? '', streams, messages };
}

describe('Step Functions execution logs and metrics', () => {
  it('writes every event at level ALL, as JSON with string values, to states/NAME/YYYY-MM-DD-HH/8HEX', async () => {
    const { executionArn, streams, messages } = await runLogged('logged-all', 'ALL', true);
    expect(streams).toHaveLength(1);
    expect(streams[0]?.name).toMatch(/^states\/logged-all\/\d{4}-\d{2}-\d{2}-\d{2}\/[0-9a-f]{8}$/);
    expect(messages.map((m) => m.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    const started = messages[0] ?? {};
    expect(Object.keys(started).sort()).toEqual([
      'details',
      'event_timestamp',
      'execution_arn',
      'id',
      'previous_event_id',
      'redrive_count',
      'type',
    ]);
    expect(started).toMatchObject({
      id: '1',
      previous_event_id: '0',
      execution_arn: executionArn,
      redrive_count: '0',
      event_timestamp: expect.stringMatching(/^\d{13}$/),
    });
    expect(started.details).toEqual({ input: '{"k":"v"}', inputDetails: { truncated: false }, roleArn: ROLE });
    expect(messages[1]?.details).toMatchObject({ name: 'Hello' });
    expect(messages[4]?.details).toEqual({ error: 'Boom', cause: 'on purpose' });
  });

  it('filters by level (ERROR: failures and Fail states; FATAL: execution failures) and drops data without includeExecutionData', async () => {
    const error = await runLogged('logged-error', 'ERROR', false);
    expect(error.messages.map((m) => m.type)).toEqual(['FailStateEntered', 'ExecutionFailed']);
    expect(error.messages[0]?.details).toEqual({ name: 'Boom' });
    const fatal = await runLogged('logged-fatal', 'FATAL', true);
    expect(fatal.messages.map((m) => m.type)).toEqual(['ExecutionFailed']);
  });

  it('publishes AWS/States metrics with the StateMachineArn dimension', async () => {
    const { stateMachineArn } = await runLogged('metered', 'FATAL', false);
    recordThrottledStart(models, ACCOUNT, 'us-east-1', stateMachineArn);
    const series = [...models.cloudwatch.metrics.get(ACCOUNT, 'us-east-1').values()].filter(
      (s) => s.namespace === 'AWS/States' && s.dimensions[0]?.value === stateMachineArn,
    );
    expect(series.every((s) => s.dimensions.length === 1 && s.dimensions[0]?.name === 'StateMachineArn')).toBe(true);
    const byName = Object.fromEntries(series.map((s) => [s.metricName, s.points]));
    expect(Object.keys(byName).sort()).toEqual(['ExecutionThrottled', 'ExecutionTime', 'ExecutionsFailed', 'ExecutionsStarted']);
    expect(byName.ExecutionsStarted?.[0]).toMatchObject({ value: 1, unit: 'Count' });
    expect(byName.ExecutionTime?.[0]).toMatchObject({ unit: 'Milliseconds', value: expect.any(Number) });
  });

  it('answers protocol edges with 400s, never a 500', async () => {
    const auth = `AWS4-HMAC-SHA256 Credential=${ACCOUNT}/20260101/us-east-1/states/aws4_request, Signature=x`;
    const post = (target: string, body: string) =>
      fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target, authorization: auth },
      });
    const cases: Array<[string, string, string]> = [
      ['AWSStepFunctions.DescribeStateMachine', '{"stateMachineArn":', 'SerializationException'],
      ['AWSStepFunctions.NoSuchOperation', '{}', 'UnknownOperationException'],
      ['AWSStepFunctions.StartExecution', '{}', 'ValidationException'],
      [
        'AWSStepFunctions.DescribeExecution',
        '{"executionArn":"arn:aws:states:us-east-1:123456789012:stateMachine:x"}',
        'InvalidArn',
      ],
      [
        'AWSStepFunctions.ListExecutions',
        `{"stateMachineArn":"arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:metered","nextToken":"%%%"}`,
        'InvalidToken',
      ],
      ['AWSStepFunctions.CreateStateMachine', '{"name":{"x":1},"definition":"{}","roleArn":"r"}', ''],
    ];
    for (const [target, body, code] of cases) {
      const res = await post(target, body);
      expect(res.status, target).toBe(400);
      if (code) expect(((await res.json()) as { __type: string }).__type, target).toBe(code);
    }
  });
});
