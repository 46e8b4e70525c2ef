#!/usr/bin/env node
/**
 * The TapStack CDK app. Run from the repo root:
 *   npx cdk --app "npx tsx infra/bin/tap.ts" --output infra/cdk.out synth|deploy|diff
 *
 * Context keys (`-c key=value`):
 *   suffix   environment slug (default `dev`): stack `TapStack-<suffix>`, EnvironmentSuffix parameter default.
 *   variant  a broken variant re-creating one of the seed's four failures (see infra/lib/broken-variants.ts):
 *            kms-tag-json | alarm-tag-json | logs-key-policy | sfn-log-delivery | conditional-depends-on.
 *            Without it: the good stack. A variant keeps the name `TapStack-<suffix>` (it is that stack,
 *            broken); pick another suffix to run it beside a good one (resource names derive from the suffix).
 *
 * LegacyStackSynthesizer: no bootstrap, template sent inline, only STS + CloudFormation calls, so the same
 * `cdk deploy` works against localaws and a real, unbootstrapped account.
 */
import { App, LegacyStackSynthesizer } from 'aws-cdk-lib';
import { applyBrokenVariant, parseBrokenVariant } from '../lib/broken-variants';
import { TapStack } from '../lib/tap-stack';

const app = new App();
const suffix = String(app.node.tryGetContext('suffix') ?? 'dev');
const variant = parseBrokenVariant(app.node.tryGetContext('variant'));

const stack = new TapStack(app, `TapStack-${suffix}`, {
  suffix,
  synthesizer: new LegacyStackSynthesizer(),
  description: variant ? `TapStack (broken variant: ${variant})` : 'TapStack: pre-checks, execution logs and alarms',
});
if (variant) applyBrokenVariant(stack, variant);
app.synth();
