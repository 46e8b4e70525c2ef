/**
 * The TapStack on localaws the way an operator runs it: `cdk deploy` without the CMK (real CLI), a promotion
 * (dry-run → apply) by an SDK change set that reuses the deployed template, and `cdk destroy`. The CLI's deploy
 * with the CMK (the parameters' default) is e2e/rollout.spec.ts's, watched live in the dashboard; here the CMK
 * stack is created from the same template by the SDK, so no two suites run the same CLI deploy. The three tests
 * share the two stacks and run in order.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type Change,
  type DescribeChangeSetCommandOutput,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, stopTestEnv, waitForStack, type TestEnv } from 'localaws/testing';
import { localAwsEnv } from '../../scripts/lib/local-env';
import { ASSEMBLY_DIR, templateFile } from './tapstack-assembly';

const run = promisify(execFile);
const CDK = createRequire(import.meta.url).resolve('aws-cdk/bin/cdk');
const REPO = path.resolve(__dirname, '../..');
const TIMEOUT = 180_000;
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as const;
const WITH_CMK = { suffix: 'cli-cmk', enableCmk: 'true' };
const WITHOUT_CMK = { suffix: 'cli-nocmk', enableCmk: 'false' };
const stackName = (suffix: string) => `TapStack-${suffix}`;
const PROMOTION = 'tapdeck-promote-1';

/**
 * All a Mode-only change may touch: the state machine (Mode is a definition substitution) and the workflow role
 * (its apply-only statements hang on IsApply). Nothing else refers to Mode (promotion-scope.test.ts); the key
 * and the alarms are not tagged with it, so the change set must not list them.
 */
const PROMOTION_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::StepFunctions::StateMachine']);

let env: TestEnv;
let work: string;

beforeAll(async () => {
  // Speed 50: resources finish well inside the CLI's 5 s DescribeChangeSet/DescribeStacks polling.
  env = await startTestEnv(50);
  work = await mkdtemp(path.join(tmpdir(), 'tapstack-deploy-'));
});
afterAll(async () => {
  await stopTestEnv(env);
  await rm(work, { recursive: true, force: true });
});

/**
 * The real CLI on the run's shared cloud assembly (tapstack-assembly.ts synthesizes TapStack-cli-cmk and
 * TapStack-cli-nocmk with the app's code once per run), so it deploys without synthesizing again; the CLI's own
 * synth of the app is synth-cli.test.ts's. Run with this Node rather than through npx: the same CLI, a second
 * less of start-up.
 */
async function cdk(suffix: string, args: string[]): Promise<string> {
  const { stdout, stderr } = await run(
    process.execPath,
    [CDK, ...args, stackName(suffix), '--app', path.join(ASSEMBLY_DIR, 'good')],
    {
      cwd: REPO,
      env: { ...localAwsEnv(env.server.url), CDK_HOME: path.join(work, 'cdk-home'), CI: 'true' },
      maxBuffer: 10 * 1024 * 1024,
    },
  );
  return stdout + stderr;
}

/** The CMK stack from the same synthesized template, by the SDK (CreateStack as the CLI's change set would). */
async function createWithSdk(suffix: string, enableCmk: string): Promise<void> {
  const { StackId } = await env.cfn.send(
    new CreateStackCommand({
      StackName: stackName(suffix),
      TemplateBody: await readFile(templateFile(undefined, suffix), 'utf8'),
      Parameters: [{ ParameterKey: 'EnableCmk', ParameterValue: enableCmk }],
      Capabilities: [...CAPABILITIES],
    }),
  );
  expect(await waitForStack(env.cfn, StackId ?? stackName(suffix), 60_000)).toBe('CREATE_COMPLETE');
}

async function describeStack(nameOrId: string): Promise<Stack> {
  const { Stacks } = await env.cfn.send(new DescribeStacksCommand({ StackName: nameOrId }));
  const stack = Stacks?.[0];
  if (!stack) throw new Error(`no stack ${nameOrId}`);
  return stack;
}

async function resourceTypes(name: string): Promise<Map<string, string>> {
  const { StackResources } = await env.cfn.send(new DescribeStackResourcesCommand({ StackName: name }));
  return new Map((StackResources ?? []).map((r) => [r.LogicalResourceId ?? '', r.ResourceType ?? '']));
}

async function waitForChangeSet(stack: string, changeSet: string, timeoutMs = 30_000): Promise<DescribeChangeSetCommandOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const out = await env.cfn.send(new DescribeChangeSetCommand({ StackName: stack, ChangeSetName: changeSet }));
    if (!out.Status?.endsWith('_IN_PROGRESS') && out.Status !== 'CREATE_PENDING') return out;
    if (Date.now() > deadline) throw new Error(`change set ${changeSet} still ${out.Status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('TapStack on localaws with the real cdk CLI', () => {
  it('deploys without the CMK by the CLI to CREATE_COMPLETE, beside the CMK stack', { timeout: TIMEOUT }, async () => {
    const [output] = await Promise.all([
      cdk(WITHOUT_CMK.suffix, ['deploy', '--require-approval', 'never', '--parameters', `EnableCmk=${WITHOUT_CMK.enableCmk}`]),
      createWithSdk(WITH_CMK.suffix, WITH_CMK.enableCmk),
    ]);
    expect(output).toContain(`✅  ${stackName(WITHOUT_CMK.suffix)}`);
    for (const { suffix, enableCmk } of [WITH_CMK, WITHOUT_CMK]) {
      const stack = await describeStack(stackName(suffix));
      expect(stack.StackStatus).toBe('CREATE_COMPLETE');
      expect(stack.Parameters).toContainEqual(expect.objectContaining({ ParameterKey: 'EnableCmk', ParameterValue: enableCmk }));
    }

    const withCmk = await resourceTypes(stackName(WITH_CMK.suffix));
    const withoutCmk = await resourceTypes(stackName(WITHOUT_CMK.suffix));
    const typesOf = (resources: Map<string, string>) => new Set(resources.values());
    expect(typesOf(withCmk)).toContain('AWS::KMS::Key');
    expect(typesOf(withCmk)).toContain('AWS::KMS::Alias');
    expect(typesOf(withoutCmk)).not.toContain('AWS::KMS::Key');
    expect(typesOf(withoutCmk)).not.toContain('AWS::KMS::Alias');
    expect(withCmk.get('ExecutionLogs')).toBe('AWS::Logs::LogGroup');
    expect(withoutCmk.get('ExecutionLogs')).toBe('AWS::Logs::LogGroup');
  });

  it('promotes the CMK stack to Mode=apply by a change set on the previous template', { timeout: TIMEOUT }, async () => {
    const name = stackName(WITH_CMK.suffix);
    const before = await describeStack(name);
    expect(before.Parameters).toContainEqual({ ParameterKey: 'Mode', ParameterValue: 'dry-run' });
    const parameters = (before.Parameters ?? []).map(({ ParameterKey }) =>
      ParameterKey === 'Mode' ? { ParameterKey, ParameterValue: 'apply' } : { ParameterKey, UsePreviousValue: true },
    );
    await env.cfn.send(
      new CreateChangeSetCommand({
        StackName: name,
        ChangeSetName: PROMOTION,
        UsePreviousTemplate: true,
        Parameters: parameters,
        Capabilities: [...CAPABILITIES],
      }),
    );
    const changeSet = await waitForChangeSet(name, PROMOTION);
    expect(changeSet.Status, changeSet.StatusReason).toBe('CREATE_COMPLETE');

    const changes = (changeSet.Changes ?? []).map((c: Change) => c.ResourceChange ?? {});
    console.log(
      `${PROMOTION} changes:\n${changes.map((c) => `  ${c.Action} ${c.LogicalResourceId} (${c.ResourceType}) replacement=${c.Replacement}`).join('\n')}`,
    );
    expect(changes.every((c) => c.Action === 'Modify' && c.Replacement === 'False')).toBe(true);
    expect(changes.map((c) => c.ResourceType)).toContain('AWS::StepFunctions::StateMachine');
    expect(changes.filter((c) => !PROMOTION_TYPES.has(c.ResourceType ?? ''))).toEqual([]);

    await env.cfn.send(new ExecuteChangeSetCommand({ StackName: name, ChangeSetName: PROMOTION }));
    expect(await waitForStack(env.cfn, before.StackId ?? name, 60_000)).toBe('UPDATE_COMPLETE');
    const after = await describeStack(name);
    expect(after.Parameters).toContainEqual({ ParameterKey: 'Mode', ParameterValue: 'apply' });
    expect(after.Parameters).toContainEqual(expect.objectContaining({ ParameterKey: 'EnableCmk', ParameterValue: 'true' }));
    const activeMode = after.Outputs?.find((o) => o.OutputKey === 'ActiveMode');
    if (activeMode) expect(activeMode.OutputValue).toBe('apply');
  });

  it('destroys the stack with cdk destroy --force to DELETE_COMPLETE', { timeout: TIMEOUT }, async () => {
    const name = stackName(WITHOUT_CMK.suffix);
    const { StackId } = await describeStack(name);
    await cdk(WITHOUT_CMK.suffix, ['destroy', '--force']);
    // By id: a deleted stack is no longer found by name, as on AWS.
    expect((await describeStack(StackId ?? '')).StackStatus).toBe('DELETE_COMPLETE');
    await expect(describeStack(name)).rejects.toMatchObject({ message: `Stack with id ${name} does not exist` });
    await env.cfn.send(new DeleteStackCommand({ StackName: stackName(WITH_CMK.suffix) }));
  });
});
