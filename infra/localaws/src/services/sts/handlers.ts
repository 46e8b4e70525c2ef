/** STS: only what SDK callers and the CDK CLI need to learn who they are. */
import { GetCallerIdentity$, type GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import { defineOperation, type AwsService, type RequestContext } from '../types';

function getCallerIdentity(_input: unknown, ctx: RequestContext): GetCallerIdentityResponse {
  // Like a root account's credentials; a real user would read arn:aws:iam::ACCOUNT:user/NAME.
  return { Account: ctx.account, Arn: `arn:aws:iam::${ctx.account}:root`, UserId: ctx.account };
}

export function createStsService(): AwsService {
  return {
    signingName: 'sts',
    query: { serviceNamespace: 'com.amazonaws.sts', xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/' },
    operations: { GetCallerIdentity: defineOperation(GetCallerIdentity$, getCallerIdentity) },
  };
}
