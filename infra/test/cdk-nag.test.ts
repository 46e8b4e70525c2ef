import { Aspects } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { synthStack } from './synth';

// cdk-nag runs here, not in bin/tap.ts, so `cdk synth` stays quiet; suppressions live next to the resources
// they excuse (tap-workflow.ts, tapdeck-access-policy.ts), each with its reason.
const { stack, template } = synthStack({
  beforeSynth: (app) => Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true })),
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unsuppressed errors', () => {
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors.map((e) => `${e.id}: ${String(e.entry.data)}`)).toEqual([]);
  });

  it('reports no unsuppressed warnings', () => {
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(warnings.map((w) => `${w.id}: ${String(w.entry.data)}`)).toEqual([]);
  });

  it('every suppression says why (a sentence, not a token)', () => {
    const suppressions = Object.values(template.toJSON().Resources as Record<string, { Metadata?: Record<string, unknown> }>)
      .flatMap((r) => ((r.Metadata?.cdk_nag as { rules_to_suppress?: { id: string; reason: string }[] })?.rules_to_suppress ?? []));
    expect(suppressions.length).toBeGreaterThan(0);
    for (const s of suppressions) expect(s.reason.split(' ').length, s.id).toBeGreaterThanOrEqual(8);
  });
});
