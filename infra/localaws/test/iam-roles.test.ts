/** IAM roles and policies through the real SDK client and raw HTTP; roles CloudFormation creates are visible too. */
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  EntityAlreadyExistsException,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalaws, type Localaws } from '../src/index';

let server: Localaws;
let iam: IAMClient;
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

beforeAll(async () => {
  server = await startLocalaws({ port: 0, speed: 200, log: () => {} });
  iam = new IAMClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' },
  });
});
afterAll(() => server.close());

describe('IAM roles and policies', () => {
  it('creates, reads, tags and lists roles; documents come back URL-encoded', async () => {
    const { Role } = await iam.send(
      new CreateRoleCommand({ RoleName: 'runner', Path: '/svc/', AssumeRolePolicyDocument: trust, Description: 'runs things' }),
    );
    expect(Role).toMatchObject({
      RoleName: 'runner',
      Path: '/svc/',
      Arn: 'arn:aws:iam::111111111111:role/svc/runner',
      MaxSessionDuration: 3600,
    });
    expect(Role?.RoleId).toMatch(/^AROA/);
    const got = await iam.send(new GetRoleCommand({ RoleName: 'runner' }));
    expect(JSON.parse(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? ''))).toEqual(JSON.parse(trust));
    await iam.send(new TagRoleCommand({ RoleName: 'runner', Tags: [{ Key: 'team', Value: 'tap' }] }));
    expect((await iam.send(new GetRoleCommand({ RoleName: 'runner' }))).Role?.Tags).toEqual([{ Key: 'team', Value: 'tap' }]);
    expect((await iam.send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toEqual(['runner']);
    const dup = await iam
      .send(new CreateRoleCommand({ RoleName: 'runner', AssumeRolePolicyDocument: trust }))
      .catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(EntityAlreadyExistsException);
    expect((dup as Error).message).toBe('Role with name runner already exists.');
  });

  it('answers NoSuchEntity (404) in AWS words', async () => {
    const error = await iam.send(new GetRoleCommand({ RoleName: 'ghost' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoSuchEntityException);
    expect((error as NoSuchEntityException).$metadata.httpStatusCode).toBe(404);
    expect((error as Error).message).toBe('The role with name ghost cannot be found.');
    await iam.send(new CreateRoleCommand({ RoleName: 'bare', AssumeRolePolicyDocument: trust }));
    const noPolicy = await iam.send(new GetRolePolicyCommand({ RoleName: 'bare', PolicyName: 'p' })).catch((e: Error) => e);
    expect((noPolicy as Error).message).toBe('The role policy with name p cannot be found.');
  });

  it('inline and managed policies; a role with policies cannot be deleted', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: trust }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'worker', PolicyName: 'read', PolicyDocument: policy }));
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'worker' }))).PolicyNames).toEqual(['read']);
    expect(
      JSON.parse(
        decodeURIComponent(
          (await iam.send(new GetRolePolicyCommand({ RoleName: 'worker', PolicyName: 'read' }))).PolicyDocument ?? '',
        ),
      ),
    ).toEqual(JSON.parse(policy));
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'shared', PolicyDocument: policy }));
    expect(Policy?.Arn).toBe('arn:aws:iam::111111111111:policy/shared');
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'worker', PolicyArn: Policy?.Arn }));
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'worker' }))).AttachedPolicies).toEqual([
      { PolicyArn: Policy?.Arn, PolicyName: 'shared' },
    ]);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies?.[0]).toMatchObject({
      PolicyName: 'shared',
      AttachmentCount: 1,
    });
    expect(
      (await iam.send(new GetPolicyVersionCommand({ PolicyArn: Policy?.Arn, VersionId: 'v1' }))).PolicyVersion?.IsDefaultVersion,
    ).toBe(true);

    const inUse = await iam.send(new DeletePolicyCommand({ PolicyArn: Policy?.Arn })).catch((e: Error) => e);
    expect(inUse).toMatchObject({ name: 'DeleteConflictException', message: 'Cannot delete a policy attached to entities.' });
    const withInline = await iam.send(new DeleteRoleCommand({ RoleName: 'worker' })).catch((e: Error) => e);
    expect(withInline).toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete policies first.',
    });
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'worker', PolicyName: 'read' }));
    const withManaged = await iam.send(new DeleteRoleCommand({ RoleName: 'worker' })).catch((e: Error) => e);
    expect((withManaged as Error).message).toBe('Cannot delete entity, must detach all policies first.');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'worker', PolicyArn: Policy?.Arn }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'worker' }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: Policy?.Arn }));
  });

  it('raw HTTP: malformed policy JSON, a missing parameter, an unknown action', async () => {
    const post = (body: string) =>
      fetch(server.url, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: 'AWS4-HMAC-SHA256 Credential=111111111111/20260101/us-east-1/iam/aws4_request, Signature=x',
        },
      });
    const malformed = await post('Action=CreateRole&Version=2010-05-08&RoleName=x1&AssumeRolePolicyDocument=%7Bnot');
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('<Code>MalformedPolicyDocument</Code>');
    const missing = await post('Action=GetRole&Version=2010-05-08');
    expect(await missing.text()).toContain('Value null at &apos;roleName&apos;');
    const unknown = await post('Action=Frobnicate&Version=2010-05-08');
    expect(await unknown.text()).toContain('<Code>InvalidAction</Code>');
  });
});
