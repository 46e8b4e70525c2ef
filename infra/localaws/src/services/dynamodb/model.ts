/** DynamoDB tables per account and region, with their items, tags and point-in-time-recovery setting. */
import type { AttributeDefinition, AttributeValue, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { RegionalStore, type StoreDeclaration } from '../../state/regional-store';

export type TableStatus = 'CREATING' | 'ACTIVE' | 'DELETING';
export type Item = Record<string, AttributeValue>;

export interface Table {
  name: string;
  arn: string;
  id: string;
  status: TableStatus;
  keySchema: KeySchemaElement[];
  attributeDefinitions: AttributeDefinition[];
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  readCapacity: number;
  writeCapacity: number;
  createdAt: Date;
  deletionProtection: boolean;
  /** point-in-time recovery: when it was last enabled, or undefined when disabled */
  pitrEnabledAt?: Date;
  recoveryPeriodInDays: number;
  items: Map<string, Item>;
  tags: Map<string, string>;
}

export class DynamoDbModel {
  private readonly tables = new RegionalStore(() => new Map<string, Table>());
  /** What persistence saves, as `dynamodb.<name>`. */
  readonly stores = { tables: this.tables } satisfies StoreDeclaration;

  tablesOf(account: string, region: string): Map<string, Table> {
    return this.tables.get(account, region);
  }

  /** A table by name or ARN, as the API accepts either. */
  findTable(account: string, region: string, nameOrArn: string): Table | undefined {
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.indexOf(':table/') + 7) : nameOrArn;
    return this.tablesOf(account, region).get(name);
  }
}

/** The storage key of an item: its key attributes' values in key-schema order. */
export function itemKey(table: Table, item: Item): string | undefined {
  const parts: unknown[] = [];
  for (const element of table.keySchema) {
    const value = item[element.AttributeName ?? ''];
    const type = table.attributeDefinitions.find((d) => d.AttributeName === element.AttributeName)?.AttributeType;
    if (!value || !type || !(type in value)) return undefined;
    const raw = (value as unknown as Record<string, unknown>)[type];
    parts.push(raw instanceof Uint8Array ? Buffer.from(raw).toString('base64') : raw);
  }
  return JSON.stringify(parts);
}
