/** AWS::CDK::Metadata — the CDK's analytics marker; nothing to provision. */
import { randomUUID } from 'node:crypto';
import type { Provisioner } from './provisioner';

export function createCdkMetadataProvisioner(): Provisioner {
  return {
    type: 'AWS::CDK::Metadata',
    createMs: 1_000,
    create: () => ({ physicalId: randomUUID(), attributes: {} }),
    update: (id) => ({ physicalId: id, attributes: {} }),
    delete: () => undefined,
  };
}
