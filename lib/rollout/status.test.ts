import { describe, expect, it } from 'vitest';
import { isInProgress, isValidStackName, toneOf } from './status';

describe('toneOf', () => {
  it.each([
    ['CREATE_IN_PROGRESS', 'progress'],
    ['REVIEW_IN_PROGRESS', 'progress'],
    ['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'progress'],
    ['CREATE_COMPLETE', 'success'],
    ['UPDATE_COMPLETE', 'success'],
    ['CREATE_FAILED', 'failure'],
    ['ROLLBACK_IN_PROGRESS', 'failure'],
    ['ROLLBACK_COMPLETE', 'failure'],
    ['UPDATE_ROLLBACK_COMPLETE', 'failure'],
    ['DELETE_COMPLETE', 'neutral'],
  ])('%s reads as %s', (status, tone) => {
    expect(toneOf(status)).toBe(tone);
  });
});

describe('isInProgress', () => {
  it('is true only for statuses CloudFormation is still moving out of', () => {
    expect(isInProgress('ROLLBACK_IN_PROGRESS')).toBe(true);
    expect(isInProgress('ROLLBACK_COMPLETE')).toBe(false);
  });
});

describe('isValidStackName', () => {
  it('accepts CloudFormation stack names and refuses everything else', () => {
    expect(isValidStackName('TapStack-dev')).toBe(true);
    expect(isValidStackName('a'.repeat(128))).toBe(true);
    for (const bad of ['', '1stack', 'has space', 'under_score', 'a'.repeat(129), '../etc']) {
      expect(isValidStackName(bad)).toBe(false);
    }
  });
});
