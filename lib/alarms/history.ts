import type { AlarmHistoryItem, AlarmState } from './types';

/** The history filters on-call picks from, kept in the URL (`?history=alarm`). */
export const HISTORY_FILTERS = ['all', 'alarm', 'ok', 'insufficient', 'config'] as const;
export type HistoryFilter = (typeof HISTORY_FILTERS)[number];

export const HISTORY_FILTER_LABELS: Record<HistoryFilter, string> = {
  all: 'All',
  alarm: 'To ALARM',
  ok: 'To OK',
  insufficient: 'To INSUFFICIENT_DATA',
  config: 'Configuration',
};

export interface HistoryEntry extends AlarmHistoryItem {
  /** for state updates: the state before and after */
  from?: AlarmState;
  to?: AlarmState;
  /** for state updates: CloudWatch's reason for the new state */
  reason?: string;
}

export function parseHistoryFilter(raw: string | string[] | undefined): HistoryFilter {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (HISTORY_FILTERS as readonly string[]).includes(value ?? '') ? (value as HistoryFilter) : 'all';
}

const STATES: readonly string[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
const asState = (value: unknown): AlarmState | undefined =>
  typeof value === 'string' && STATES.includes(value) ? (value as AlarmState) : undefined;

/** Reads the transition out of a StateUpdate's HistoryData (`{ oldState: { stateValue }, newState: { … } }`). */
export function describeHistoryItem(item: AlarmHistoryItem): HistoryEntry {
  if (item.type !== 'StateUpdate') return { ...item };
  const fromSummary = /from (OK|ALARM|INSUFFICIENT_DATA) to (OK|ALARM|INSUFFICIENT_DATA)/.exec(item.summary);
  let from = asState(fromSummary?.[1]);
  let to = asState(fromSummary?.[2]);
  let reason: string | undefined;
  try {
    const data = JSON.parse(item.data ?? '{}') as {
      oldState?: { stateValue?: unknown };
      newState?: { stateValue?: unknown; stateReason?: unknown };
    };
    from = asState(data.oldState?.stateValue) ?? from;
    to = asState(data.newState?.stateValue) ?? to;
    reason = typeof data.newState?.stateReason === 'string' ? data.newState.stateReason : undefined;
  } catch {
    // HistoryData is CloudWatch's JSON; when it does not parse, the summary's words are all there is.
  }
  return { ...item, from, to, reason };
}

const FILTER_TEST: Record<HistoryFilter, (entry: HistoryEntry) => boolean> = {
  all: () => true,
  alarm: (e) => e.type === 'StateUpdate' && e.to === 'ALARM',
  ok: (e) => e.type === 'StateUpdate' && e.to === 'OK',
  insufficient: (e) => e.type === 'StateUpdate' && e.to === 'INSUFFICIENT_DATA',
  config: (e) => e.type === 'ConfigurationUpdate',
};

export function filterHistory(items: AlarmHistoryItem[], filter: HistoryFilter): HistoryEntry[] {
  return items.map(describeHistoryItem).filter(FILTER_TEST[filter]);
}
