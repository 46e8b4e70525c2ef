/** KMS keys and aliases provisioned so far, for the KMS API that a later issue exposes. */
import { RegionalStore } from '../../state/regional-store';

export interface KmsKey {
  keyId: string;
  arn: string;
  description?: string;
  enabled: boolean;
  keyPolicy: unknown;
  tags: Array<{ Key: string; Value: string }>;
  creationDate: Date;
}

export class KmsModel {
  readonly keys = new RegionalStore(() => new Map<string, KmsKey>());
  readonly aliases = new RegionalStore(() => new Map<string, string>());

  /** Finds a key by id, key ARN, alias name or alias ARN. */
  findKey(account: string, region: string, idOrArn: string): KmsKey | undefined {
    const keys = this.keys.get(account, region);
    const aliasName = idOrArn.includes(':alias/') ? `alias/${idOrArn.split(':alias/')[1]}` : idOrArn;
    const target = this.aliases.get(account, region).get(aliasName);
    const keyId = target ?? (idOrArn.includes(':key/') ? idOrArn.split(':key/')[1] : idOrArn);
    return keyId === undefined ? undefined : keys.get(keyId);
  }
}
