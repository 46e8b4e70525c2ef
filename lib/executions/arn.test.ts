import { describe, expect, it } from 'vitest';
import { executionArnFor, executionPath, formatDuration, isValidExecutionName } from './arn';

const MACHINE = 'arn:aws:states:us-east-1:111111111111:stateMachine:TapStack-dev-prechecks';

describe('execution names and ARNs', () => {
  it('derives the execution ARN from the state machine ARN', () => {
    expect(executionArnFor(MACHINE, 'tapdeck-operator-20260101T000000-ab12')).toBe(
      'arn:aws:states:us-east-1:111111111111:execution:TapStack-dev-prechecks:tapdeck-operator-20260101T000000-ab12',
    );
    expect(executionArnFor(MACHINE.replace('arn:aws:', 'arn:aws-us-gov:'), 'x')).toMatch(/^arn:aws-us-gov:states:/);
  });

  it('refuses names and ARNs that are not ones', () => {
    for (const bad of ['', 'a b', 'a:b', 'a/b', '<x>', 'é', 'x'.repeat(81), '*'])
      expect([bad, isValidExecutionName(bad)]).toEqual([bad, false]);
    expect(executionArnFor('arn:aws:states:us-east-1:1:activity:x', 'run')).toBeNull();
    expect(executionArnFor('not an arn', 'run')).toBeNull();
  });

  it('builds paths and durations', () => {
    expect(executionPath('TapStack-dev', 'run-1')).toBe('/stacks/TapStack-dev/executions/run-1');
    expect(formatDuration('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.850Z')).toBe('850 ms');
    expect(formatDuration('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:12.400Z')).toBe('12.4 s');
    expect(formatDuration('2026-01-01T00:00:00.000Z', '2026-01-01T00:03:00.000Z')).toBe('3 min');
  });
});
