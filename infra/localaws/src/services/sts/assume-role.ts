/**
 * sts:AssumeRole as a plain function: the HTTP handler uses it, and other engines (Step Functions tasks
 * with a target role) may call it in-process. The session it creates is honoured by the router.
 */
import type { AssumeRoleResponse } from '@aws-sdk/client-sts';
import { ValidationError } from '../../errors';
import { policyAllows } from '../iam/policy-evaluation';
import type { ServiceModels } from '../models';
import { AccessDeniedError } from './errors';
import type { StsSession } from './model';

export interface Caller {
  account: string;
  /** arn:aws:iam::ACCOUNT:root or arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION */
  arn: string;
}

export interface AssumeRoleRequest {
  RoleArn: string;
  RoleSessionName: string;
  DurationSeconds?: number;
}

/** The caller as STS names it: a root user, or the assumed-role session a request was signed with. */
export function callerOf(account: string, principalArn?: string): Caller {
  return { account, arn: principalArn ?? `arn:aws:iam::${account}:root` };
}

/**
 * A role's trust policy for sts:AssumeRole, with explicit Deny winning. Conditions on the caller's account
 * (aws:PrincipalAccount) are evaluated; other keys (aws:SourceAccount, …) are taken as satisfied, as localaws has always done.
 */
export function trustAllows(document: unknown, caller: Caller, action = 'sts:AssumeRole'): boolean {
  const context = { 'aws:PrincipalAccount': caller.account };
  return policyAllows(document, { action, principal: caller, context, unknownConditionKeys: 'satisfied' });
}

function validate(input: AssumeRoleRequest): number {
  const duration = input.DurationSeconds ?? 3600;
  const name = input.RoleSessionName;
  if (name.length < 2 || name.length > 64) {
    const bound = name.length < 2 ? 'greater than or equal to 2' : 'less than or equal to 64';
    throw new ValidationError(
      `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  if (!/^[\w+=,.@-]+$/.test(name)) {
    throw new ValidationError(
      `1 validation error detected: Value '${input.RoleSessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  if (duration < 900)
    throw new ValidationError(
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`,
    );
  if (duration > 43200)
    throw new ValidationError(
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`,
    );
  return duration;
}

export function assumeRole(
  models: ServiceModels,
  caller: Caller,
  input: AssumeRoleRequest,
): { session: StsSession; response: AssumeRoleResponse } {
  const duration = validate(input);
  const role = models.iam.findRoleByArn(input.RoleArn);
  // AWS does not reveal whether the role exists: a missing role and an untrusting one read the same.
  if (!role || !trustAllows(role.assumeRolePolicy, caller)) {
    throw new AccessDeniedError(`User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`);
  }
  if (duration > (role.maxSessionDuration ?? 3600))
    throw new ValidationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  const account = input.RoleArn.split(':')[4]!;
  const userId = `${role.roleId}:${input.RoleSessionName}`;
  const arn = `arn:aws:sts::${account}:assumed-role/${role.name}/${input.RoleSessionName}`;
  const session = models.sts.createSession(account, { arn, userId }, duration);
  return {
    session,
    response: {
      Credentials: {
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: session.secretAccessKey,
        SessionToken: session.sessionToken,
        Expiration: session.expiration,
      },
      AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
      PackedPolicySize: 0,
    },
  };
}
