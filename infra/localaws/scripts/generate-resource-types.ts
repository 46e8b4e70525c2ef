/**
 * Writes src/services/cloudformation/resource-types.json: every resource type CloudFormation knows, read once from
 * aws-cdk-lib's L1 classes (each carries CFN_RESOURCE_TYPE_NAME). The output is committed, so localaws itself has
 * no runtime dependency on aws-cdk-lib (a devDependency). Rerun after upgrading aws-cdk-lib:
 *   npx tsx infra/localaws/scripts/generate-resource-types.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Real types that have no L1 class: the CDK CLI's own metadata resource. */
const EXTRA_TYPES = ['AWS::CDK::Metadata'];

const require = createRequire(import.meta.url);
const lib = require('aws-cdk-lib') as Record<string, unknown>;
const version = (require('aws-cdk-lib/package.json') as { version: string }).version;

const types = new Set(EXTRA_TYPES);
for (const [name, namespace] of Object.entries(lib)) {
  if (!name.startsWith('aws_') && name !== 'alexa_ask') continue;
  for (const value of Object.values(namespace as Record<string, unknown>)) {
    const typeName =
      typeof value === 'function' ? (value as { CFN_RESOURCE_TYPE_NAME?: unknown }).CFN_RESOURCE_TYPE_NAME : undefined;
    if (typeof typeName === 'string') types.add(typeName);
  }
}

const sorted = [...types].sort();
const out = fileURLToPath(new URL('../src/services/cloudformation/resource-types.json', import.meta.url));
writeFileSync(out, `${JSON.stringify({ source: `aws-cdk-lib ${version}`, types: sorted }, null, 0).replace(/","/g, '",\n"')}\n`);
console.log(`${sorted.length} resource types from aws-cdk-lib ${version} → ${out}`);
