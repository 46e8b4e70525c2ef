/** DynamoDB over awsJson1.0 (`DynamoDB_20120810.Operation`): tables, continuous backups, tags, basic items. */
import * as Ddb from '@aws-sdk/client-dynamodb';
import type { LocalService, ServiceContext } from '../service';
import { bindOperations, type AwsService, type RequestContext } from '../types';
import { describeContinuousBackups, updateContinuousBackups } from './backup-handlers';
import { ResourceNotFoundError } from './errors';
import { deleteItem, getItem, putItem } from './item-handlers';
import type { DynamoDbModel, Table } from './model';
import { createTable, deleteTable, describeTable, listTables } from './table-handlers';

function taggedTable(model: DynamoDbModel, arn: string | undefined, ctx: RequestContext): Table {
  const table = arn?.startsWith(`arn:aws:dynamodb:${ctx.region}:${ctx.account}:table/`)
    ? model.findTable(ctx.account, ctx.region, arn)
    : undefined;
  if (!table) throw new ResourceNotFoundError(`Requested resource not found: ResourceArn: ${arn} not found`);
  return table;
}

function tagResource(model: DynamoDbModel, input: Ddb.TagResourceInput, ctx: RequestContext) {
  const table = taggedTable(model, input.ResourceArn, ctx);
  for (const tag of input.Tags ?? []) table.tags.set(tag.Key ?? '', tag.Value ?? '');
  return {};
}

function untagResource(model: DynamoDbModel, input: Ddb.UntagResourceInput, ctx: RequestContext) {
  const table = taggedTable(model, input.ResourceArn, ctx);
  for (const key of input.TagKeys ?? []) table.tags.delete(key);
  return {};
}

function listTagsOfResource(model: DynamoDbModel, input: Ddb.ListTagsOfResourceInput, ctx: RequestContext) {
  const table = taggedTable(model, input.ResourceArn, ctx);
  return { Tags: [...table.tags].map(([Key, Value]) => ({ Key, Value })) };
}

export function createDynamoDbService({ models }: ServiceContext): LocalService {
  const op = bindOperations<DynamoDbModel>(models.dynamodb);
  const api: AwsService = {
    signingName: 'dynamodb',
    json: { version: '1.0', targetPrefix: 'DynamoDB_20120810' },
    operations: {
      CreateTable: op(Ddb.CreateTable$, createTable),
      DescribeTable: op(Ddb.DescribeTable$, describeTable),
      ListTables: op(Ddb.ListTables$, listTables),
      DeleteTable: op(Ddb.DeleteTable$, deleteTable),
      DescribeContinuousBackups: op(Ddb.DescribeContinuousBackups$, describeContinuousBackups),
      UpdateContinuousBackups: op(Ddb.UpdateContinuousBackups$, updateContinuousBackups),
      TagResource: op(Ddb.TagResource$, tagResource),
      UntagResource: op(Ddb.UntagResource$, untagResource),
      ListTagsOfResource: op(Ddb.ListTagsOfResource$, listTagsOfResource),
      PutItem: op(Ddb.PutItem$, putItem),
      GetItem: op(Ddb.GetItem$, getItem),
      DeleteItem: op(Ddb.DeleteItem$, deleteItem),
    },
  };
  return { api };
}
