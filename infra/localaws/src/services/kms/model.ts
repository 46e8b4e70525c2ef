/** KMS keys and aliases, shared by the KMS API and the CloudFormation provisioners (AWS::KMS::Key, ::Alias). */
import { randomBytes } from 'node:crypto';
import { RegionalStore, type StoreDeclaration } from '../../state/regional-store';

export type KmsKeyState = 'Enabled' | 'Disabled' | 'PendingDeletion';

export interface KmsKey {
  keyId: string;
  arn: string;
  description?: string;
  /** false for a disabled key; a key pending deletion also has `deletionDate` */
  enabled: boolean;
  /** the policy document (an object when it came from a template, parsed JSON when it came from the API) */
  keyPolicy: unknown;
  tags: Array<{ Key: string; Value: string }>;
  creationDate: Date;
  keyUsage?: string;
  keySpec?: string;
  deletionDate?: Date;
  rotationEnabled?: boolean;
  rotationPeriodInDays?: number;
  /** the AES-256 key material; created on first use for keys a template provisioned */
  secret?: Buffer;
}

export class KmsModel {
  readonly keys = new RegionalStore(() => new Map<string, KmsKey>());
  readonly aliases = new RegionalStore(() => new Map<string, string>());
  /** What persistence saves, as `kms.<name>`. */
  readonly stores = { keys: this.keys, aliases: this.aliases } satisfies StoreDeclaration;

  /** Finds a key by id, key ARN, alias name or alias ARN. */
  findKey(account: string, region: string, idOrArn: string): KmsKey | undefined {
    const keys = this.keys.get(account, region);
    const aliasName = idOrArn.includes(':alias/') ? `alias/${idOrArn.split(':alias/')[1]}` : idOrArn;
    const target = this.aliases.get(account, region).get(aliasName);
    const keyId = target ?? (idOrArn.includes(':key/') ? idOrArn.split(':key/')[1] : idOrArn);
    return keyId === undefined ? undefined : keys.get(keyId);
  }
}

export function keyState(key: KmsKey): KmsKeyState {
  if (key.deletionDate) return 'PendingDeletion';
  return key.enabled ? 'Enabled' : 'Disabled';
}

export function keySecret(key: KmsKey): Buffer {
  key.secret ??= randomBytes(32);
  return key.secret;
}

/** The policy KMS attaches when CreateKey has none: the account's IAM policies decide. */
export function defaultKeyPolicy(account: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
}
