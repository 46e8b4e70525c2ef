/** SNS topics provisioned so far. */
import { RegionalStore, type StoreDeclaration } from '../../state/regional-store';

export interface Topic {
  name: string;
  arn: string;
  attributes: Record<string, unknown>;
}

export class SnsModel {
  readonly topics = new RegionalStore(() => new Map<string, Topic>());
  /** What persistence saves, as `sns.<name>`. */
  readonly stores = { topics: this.topics } satisfies StoreDeclaration;
}
