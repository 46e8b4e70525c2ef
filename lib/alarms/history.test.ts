import { describe, expect, it } from 'vitest';
import { filterHistory, parseHistoryFilter } from './history';
import type { AlarmHistoryItem } from './types';

const transition = (from: string, to: string, at: string): AlarmHistoryItem => ({
  at,
  type: 'StateUpdate',
  summary: `Alarm updated from ${from} to ${to}`,
  data: JSON.stringify({
    oldState: { stateValue: from },
    newState: { stateValue: to, stateReason: `Threshold Crossed: now ${to}` },
  }),
});
const items: AlarmHistoryItem[] = [
  transition('ALARM', 'OK', 't4'),
  { at: 't3', type: 'Action', summary: 'Published a notification to arn:sns' },
  transition('OK', 'ALARM', 't2'),
  transition('INSUFFICIENT_DATA', 'OK', 't1'),
  { at: 't0', type: 'ConfigurationUpdate', summary: 'Alarm "S-errors" created' },
];

describe('filterHistory', () => {
  it('keeps each filter to its transitions, reading the states and reason from HistoryData', () => {
    expect(filterHistory(items, 'all')).toHaveLength(5);
    expect(filterHistory(items, 'alarm')).toEqual([
      expect.objectContaining({ at: 't2', from: 'OK', to: 'ALARM', reason: 'Threshold Crossed: now ALARM' }),
    ]);
    expect(filterHistory(items, 'ok').map((e) => e.at)).toEqual(['t4', 't1']);
    expect(filterHistory(items, 'insufficient')).toEqual([]);
    expect(filterHistory(items, 'config').map((e) => e.at)).toEqual(['t0']);
  });

  it('falls back to the summary when HistoryData does not parse', () => {
    const odd = { at: 't', type: 'StateUpdate', summary: 'Alarm updated from OK to INSUFFICIENT_DATA', data: '{' };
    expect(filterHistory([odd], 'insufficient')).toEqual([expect.objectContaining({ from: 'OK', to: 'INSUFFICIENT_DATA' })]);
  });
});

describe('parseHistoryFilter', () => {
  it('reads known filters and treats anything else as all', () => {
    expect(parseHistoryFilter('alarm')).toBe('alarm');
    expect(parseHistoryFilter(['ok', 'alarm'])).toBe('ok');
    expect(parseHistoryFilter('<script>')).toBe('all');
    expect(parseHistoryFilter(undefined)).toBe('all');
  });
});
