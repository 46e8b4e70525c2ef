import { describe, expect, it } from 'vitest';
import { parsePlan, summarizePlan } from './plan';

const plan = {
  account: '111111111111',
  mode: 'dry-run',
  dryRun: true,
  buckets: [
    { name: 'logs', state: 'Enabled', compliant: true, action: 'none' },
    { name: 'data', state: 'Disabled', compliant: false, action: 'would-enable-versioning' },
  ],
  tables: [{ name: 'orders', state: 'DISABLED', compliant: false, action: 'would-enable-pitr' }],
};

describe('parsePlan', () => {
  it('reads the workflow output', () => {
    expect(parsePlan(JSON.stringify(plan))).toEqual(plan);
  });

  it('refuses output that is not a plan, without throwing', () => {
    for (const output of [undefined, '', 'not json', '{"account":1}', '[]']) expect(parsePlan(output)).toBeUndefined();
  });
});

describe('summarizePlan', () => {
  it('says what a dry run would change', () => {
    expect(summarizePlan(plan)).toBe('2 of 3 non-compliant · would enable versioning on 1 bucket, PITR on 1 table');
  });

  it('says what an apply run changed', () => {
    expect(summarizePlan({ ...plan, dryRun: false, tables: [] })).toBe('1 of 2 non-compliant · enabled versioning on 1 bucket');
  });

  it('covers the compliant and empty cases', () => {
    expect(summarizePlan({ ...plan, buckets: [plan.buckets[0]!], tables: [] })).toBe('All 1 compliant');
    expect(summarizePlan({ ...plan, buckets: [], tables: [] })).toBe('Nothing to check: no protected buckets or tables');
  });
});
