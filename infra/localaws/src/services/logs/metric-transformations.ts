/**
 * Metric transformations in one shape whether a template (MetricName, Dimensions: [{Key, Value}], values often
 * strings) or the API (metricName, dimensions: {name: "$.field"}) defined them, and the datum one event yields.
 */
import type { MatchOutcome } from './filter-pattern';

export interface MetricTransformation {
  metricName: string;
  metricNamespace: string;
  /** "1" or a selector such as "$.latency" (JSON) or "$size" (space-delimited) */
  metricValue: string;
  defaultValue?: number;
  dimensions?: Record<string, string>;
  unit?: string;
}

type Raw = Record<string, unknown>;
const str = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));

function dimensionsOf(raw: unknown): Record<string, string> | undefined {
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((d: Raw) => [String(d.Key ?? d.key), String(d.Value ?? d.value)]));
  if (raw && typeof raw === 'object') return Object.fromEntries(Object.entries(raw as Raw).map(([k, v]) => [k, String(v)]));
  return undefined;
}

export function normalizeTransformations(raw: unknown): MetricTransformation[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((t: Raw) => {
    const defaultValue = str(t.defaultValue ?? t.DefaultValue);
    return {
      metricName: str(t.metricName ?? t.MetricName) ?? '',
      metricNamespace: str(t.metricNamespace ?? t.MetricNamespace) ?? '',
      metricValue: str(t.metricValue ?? t.MetricValue) ?? '1',
      defaultValue: defaultValue === undefined ? undefined : Number(defaultValue),
      dimensions: dimensionsOf(t.dimensions ?? t.Dimensions),
      unit: str(t.unit ?? t.Unit),
    };
  });
}

export interface Datum {
  metricName: string;
  dimensions: Array<{ name: string; value: string }>;
  value: number;
  unit?: string;
}

const isSelector = (text: string) => text.startsWith('$');

/** The datum a matching event yields; undefined when the value (or a dimension) is missing or not a number. */
export function datumForMatch(t: MetricTransformation, outcome: MatchOutcome): Datum | undefined {
  const raw = isSelector(t.metricValue) ? outcome.lookup(t.metricValue) : t.metricValue;
  const value = typeof raw === 'number' ? raw : raw !== undefined && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(value)) return undefined;
  const dimensions: Datum['dimensions'] = [];
  for (const [name, source] of Object.entries(t.dimensions ?? {})) {
    const found = isSelector(source) ? outcome.lookup(source) : source;
    if (found === undefined) return undefined;
    dimensions.push({ name, value: String(found) });
  }
  return { metricName: t.metricName, dimensions, value, unit: t.unit };
}

/** What a non-matching event yields: the default value, when there is one (never with dimensions). */
export function datumForMiss(t: MetricTransformation): Datum | undefined {
  if (t.defaultValue === undefined || !Number.isFinite(t.defaultValue)) return undefined;
  return { metricName: t.metricName, dimensions: [], value: t.defaultValue, unit: t.unit };
}
