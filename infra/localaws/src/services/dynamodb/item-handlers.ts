/** Minimal items: PutItem / GetItem / DeleteItem by primary key (no conditions, expressions or indexes). */
import type { DeleteItemInput, GetItemInput, PutItemInput } from '@aws-sdk/client-dynamodb';
import type { RequestContext } from '../types';
import { DynamoValidationError, ResourceNotFoundError } from './errors';
import { itemKey, type DynamoDbModel, type Item, type Table } from './model';

function activeTable(model: DynamoDbModel, name: string | undefined, ctx: RequestContext): Table {
  const table = model.findTable(ctx.account, ctx.region, name ?? '');
  // Item operations do not name the table in their not-found text.
  if (!table || table.status === 'DELETING') throw new ResourceNotFoundError();
  return table;
}

function keyOf(table: Table, key: Item | undefined): string {
  const keyNames = table.keySchema.map((k) => k.AttributeName);
  if (!key || Object.keys(key).length !== keyNames.length)
    throw new DynamoValidationError('The provided key element does not match the schema');
  const id = itemKey(table, key);
  if (!id) throw new DynamoValidationError('The provided key element does not match the schema');
  return id;
}

export function putItem(model: DynamoDbModel, input: PutItemInput, ctx: RequestContext) {
  const table = activeTable(model, input.TableName, ctx);
  const item = (input.Item ?? {}) as Item;
  for (const element of table.keySchema) {
    if (!item[element.AttributeName ?? ''])
      throw new DynamoValidationError(
        `One or more parameter values were invalid: Missing the key ${element.AttributeName} in the item`,
      );
  }
  const id = itemKey(table, item);
  if (!id) throw new DynamoValidationError('One or more parameter values were invalid: Type mismatch for key');
  const previous = table.items.get(id);
  table.items.set(id, item);
  return input.ReturnValues === 'ALL_OLD' && previous ? { Attributes: previous } : {};
}

export function getItem(model: DynamoDbModel, input: GetItemInput, ctx: RequestContext) {
  const table = activeTable(model, input.TableName, ctx);
  const item = table.items.get(keyOf(table, input.Key as Item | undefined));
  return item ? { Item: item } : {};
}

export function deleteItem(model: DynamoDbModel, input: DeleteItemInput, ctx: RequestContext) {
  const table = activeTable(model, input.TableName, ctx);
  const id = keyOf(table, input.Key as Item | undefined);
  const previous = table.items.get(id);
  table.items.delete(id);
  return input.ReturnValues === 'ALL_OLD' && previous ? { Attributes: previous } : {};
}
