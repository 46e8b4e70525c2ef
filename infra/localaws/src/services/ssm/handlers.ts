/** SSM Parameter Store over awsJson1.1 (`AmazonSSM.Operation`): put, get (one or many), delete, versions. */
import * as Ssm from '@aws-sdk/client-ssm';
import { AwsError } from '../../errors';
import type { LocalService, ServiceContext } from '../service';
import { bindOperations, type AwsService, type RequestContext } from '../types';
import type { Parameter, SsmModel } from './model';

// AWS answers a missing parameter with an empty message (the code says it all).
const notFound = () => new AwsError('ParameterNotFound', '', 400);
const TYPES = ['String', 'StringList', 'SecureString'];

function arnOf(name: string, ctx: RequestContext): string {
  return `arn:aws:ssm:${ctx.region}:${ctx.account}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
}

/** SecureString values come back encrypted unless WithDecryption; this stands in for the KMS ciphertext. */
function valueOf(parameter: Parameter, decrypt: boolean | undefined): string {
  return parameter.type === 'SecureString' && !decrypt
    ? Buffer.from(`localaws-kms:${parameter.value}`).toString('base64')
    : parameter.value;
}

function describe(parameter: Parameter, decrypt: boolean | undefined, ctx: RequestContext): Ssm.Parameter {
  return {
    Name: parameter.name,
    Type: parameter.type,
    Value: valueOf(parameter, decrypt),
    Version: parameter.version,
    LastModifiedDate: parameter.lastModified,
    ARN: arnOf(parameter.name, ctx),
    DataType: parameter.dataType,
  };
}

function putParameter(model: SsmModel, input: Ssm.PutParameterRequest, ctx: RequestContext): Ssm.PutParameterResult {
  const name = input.Name ?? '';
  const parameters = model.parametersOf(ctx.account, ctx.region);
  const existing = parameters.get(name);
  if (existing && !input.Overwrite)
    throw new AwsError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      400,
    );
  const type = input.Type ?? existing?.type;
  if (!type) throw new AwsError('ValidationException', 'A parameter type is required when you create a parameter.', 400);
  if (!TYPES.includes(type))
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`,
      400,
    );
  if ((input.Value ?? '').length === 0)
    throw new AwsError(
      'ValidationException',
      "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1",
      400,
    );
  const parameter: Parameter = {
    name,
    type: type as Parameter['type'],
    value: input.Value ?? '',
    version: (existing?.version ?? 0) + 1,
    lastModified: ctx.clock.now(),
    description: input.Description ?? existing?.description,
    keyId: input.KeyId ?? existing?.keyId,
    dataType: input.DataType ?? existing?.dataType ?? 'text',
    tier: input.Tier ?? 'Standard',
  };
  parameters.set(name, parameter);
  return { Version: parameter.version, Tier: parameter.tier as Ssm.ParameterTier };
}

function getParameter(model: SsmModel, input: Ssm.GetParameterRequest, ctx: RequestContext): Ssm.GetParameterResult {
  const parameter = model.getParameter(ctx.account, ctx.region, input.Name ?? '');
  if (!parameter) throw notFound();
  return { Parameter: describe(parameter, input.WithDecryption, ctx) };
}

function getParameters(model: SsmModel, input: Ssm.GetParametersRequest, ctx: RequestContext): Ssm.GetParametersResult {
  const names = input.Names ?? [];
  const found = names.map((n) => model.getParameter(ctx.account, ctx.region, n)).filter((p): p is Parameter => p !== undefined);
  return {
    Parameters: found.map((p) => describe(p, input.WithDecryption, ctx)),
    InvalidParameters: names.filter((n) => !model.getParameter(ctx.account, ctx.region, n)),
  };
}

function deleteParameter(model: SsmModel, input: Ssm.DeleteParameterRequest, ctx: RequestContext): Ssm.DeleteParameterResult {
  if (!model.parametersOf(ctx.account, ctx.region).delete(input.Name ?? '')) throw notFound();
  return {};
}

export function createSsmService({ models }: ServiceContext): LocalService {
  const op = bindOperations<SsmModel>(models.ssm);
  const api: AwsService = {
    signingName: 'ssm',
    json: { version: '1.1', targetPrefix: 'AmazonSSM' },
    operations: {
      PutParameter: op(Ssm.PutParameter$, putParameter),
      GetParameter: op(Ssm.GetParameter$, getParameter),
      GetParameters: op(Ssm.GetParameters$, getParameters),
      DeleteParameter: op(Ssm.DeleteParameter$, deleteParameter),
    },
  };
  return { api };
}
