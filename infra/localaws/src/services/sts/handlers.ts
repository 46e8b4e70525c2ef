/** STS over awsQuery: who am I, and temporary credentials for a role (possibly in another account). */
import {
  AssumeRole$,
  GetCallerIdentity$,
  GetSessionToken$,
  type GetCallerIdentityResponse,
  type GetSessionTokenResponse,
} from '@aws-sdk/client-sts';
import { ValidationError } from '../../errors';
import type { ServiceModels } from '../models';
import type { LocalService, ServiceContext } from '../service';
import { defineOperation, type AwsService, type RequestContext } from '../types';
import { assumeRole, callerOf, type AssumeRoleRequest } from './assume-role';

function getCallerIdentity(_input: unknown, ctx: RequestContext): GetCallerIdentityResponse {
  if (ctx.principal) return { Account: ctx.account, Arn: ctx.principal.arn, UserId: ctx.principal.userId };
  // Like a root account's credentials; a real user would read arn:aws:iam::ACCOUNT:user/NAME.
  return { Account: ctx.account, Arn: `arn:aws:iam::${ctx.account}:root`, UserId: ctx.account };
}

function getSessionToken(
  models: ServiceModels,
  input: { DurationSeconds?: number },
  ctx: RequestContext,
): GetSessionTokenResponse {
  const duration = input.DurationSeconds ?? 43200;
  if (duration < 900 || duration > 129600)
    throw new ValidationError(
      `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 129600`,
    );
  // Session credentials of a root user act exactly as that root user.
  const session = models.sts.createSession(
    ctx.account,
    ctx.principal ?? { arn: `arn:aws:iam::${ctx.account}:root`, userId: ctx.account },
    duration,
  );
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: session.expiration,
    },
  };
}

export function createStsService({ models }: ServiceContext): LocalService {
  const api: AwsService = {
    signingName: 'sts',
    query: { serviceNamespace: 'com.amazonaws.sts', xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/' },
    operations: {
      GetCallerIdentity: defineOperation(GetCallerIdentity$, getCallerIdentity),
      AssumeRole: defineOperation<AssumeRoleRequest>(
        AssumeRole$,
        (input, ctx) => assumeRole(models, callerOf(ctx.account, ctx.principal?.arn), input).response,
      ),
      GetSessionToken: defineOperation<{ DurationSeconds?: number }>(GetSessionToken$, (input, ctx) =>
        getSessionToken(models, input, ctx),
      ),
    },
  };
  return { api };
}
