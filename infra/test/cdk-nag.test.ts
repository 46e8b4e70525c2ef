import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedTemplate } from './synth';
import { ASSEMBLY_DIR, type NagFindings } from './tapstack-assembly';

// cdk-nag runs in the tests, not in bin/tap.ts, so `cdk synth` stays quiet; suppressions live next to the
// resources they excuse (tap-workflow.ts, tapdeck-access-policy.ts), each with its reason. The checks run once per
// test run with the shared synthesis (tapstack-assembly.ts), which records what they report in nag.json.
const nag = JSON.parse(readFileSync(path.join(ASSEMBLY_DIR, 'nag.json'), 'utf8')) as NagFindings;
const template = sharedTemplate();

describe('cdk-nag AwsSolutions', () => {
  it('reports no unsuppressed errors', () => {
    expect(nag.errors).toEqual([]);
  });

  it('reports no unsuppressed warnings', () => {
    expect(nag.warnings).toEqual([]);
  });

  it('every suppression says why (a sentence, not a token)', () => {
    const suppressions = Object.values(template.Resources as Record<string, { Metadata?: Record<string, unknown> }>).flatMap(
      (r) => (r.Metadata?.cdk_nag as { rules_to_suppress?: { id: string; reason: string }[] })?.rules_to_suppress ?? [],
    );
    expect(suppressions.length).toBeGreaterThan(0);
    for (const s of suppressions) expect(s.reason.split(' ').length, s.id).toBeGreaterThanOrEqual(8);
  });
});
