import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
} from '@aws-sdk/client-kms';
import type { KeyFacts } from '@/lib/cmk/types';
import { awsCall, lazyClient } from './client-config';

const kms = lazyClient((config) => new KMSClient(config));

/** The key's state, rotation and aliases, and its default policy as JSON text. */
export async function readKey(keyIdOrArn: string): Promise<{ key: KeyFacts; policy: string }> {
  const described = await awsCall('DescribeKey', () => kms().send(new DescribeKeyCommand({ KeyId: keyIdOrArn })));
  const meta = described.KeyMetadata;
  const keyId = meta?.KeyId ?? keyIdOrArn;
  const [policy, rotation, aliases] = await Promise.all([
    awsCall('GetKeyPolicy', () => kms().send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))),
    // Rotation and aliases are nice to show; a role without those reads still gets the binding checks.
    kms()
      .send(new GetKeyRotationStatusCommand({ KeyId: keyId }))
      .then(
        (r) => r.KeyRotationEnabled ?? null,
        () => null,
      ),
    kms()
      .send(new ListAliasesCommand({ KeyId: keyId }))
      .then(
        (r) => (r.Aliases ?? []).map((a) => a.AliasName ?? ''),
        () => [],
      ),
  ]);
  return {
    key: {
      keyId,
      arn: meta?.Arn ?? keyIdOrArn,
      state: meta?.KeyState ?? (meta?.Enabled ? 'Enabled' : 'Disabled'),
      rotation,
      aliases,
    },
    policy: policy.Policy ?? '{}',
  };
}
