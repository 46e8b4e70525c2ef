/**
 * Runs every metric filter of a log group over the events that land in it (from PutLogEvents or from another
 * service's `putLogEvents`, e.g. Step Functions execution logs) and publishes the data through
 * `cloudwatch.putMetricData`, as CloudWatch Logs feeds CloudWatch.
 */
import type { CloudWatchModel, MetricDatum } from '../cloudwatch/model';
import { tryCompileFilterPattern, type CompiledPattern } from './filter-pattern';
import type { LogsModel } from './model';
import { datumForMatch, datumForMiss, normalizeTransformations } from './metric-transformations';

export function connectMetricFilters(logs: LogsModel, cloudwatch: Pick<CloudWatchModel, 'putMetricData'>): void {
  // Filters are few and patterns rarely change: parse each pattern text once.
  const compiled = new Map<string, CompiledPattern | undefined>();
  const compile = (source: string) => {
    if (!compiled.has(source)) compiled.set(source, tryCompileFilterPattern(source));
    return compiled.get(source);
  };
  logs.onLogEvents((account, region, groupName, events) => {
    for (const filter of logs.metricFilters.get(account, region).values()) {
      if (filter.logGroupName !== groupName) continue;
      const pattern = compile(filter.filterPattern);
      if (!pattern) continue;
      for (const t of normalizeTransformations(filter.metricTransformations)) {
        const data: MetricDatum[] = [];
        for (const event of events) {
          const outcome = pattern.test(event.message);
          const datum = outcome ? datumForMatch(t, outcome) : datumForMiss(t);
          if (datum) data.push({ ...datum, timestamp: new Date(event.timestamp) });
        }
        if (data.length > 0) cloudwatch.putMetricData(account, region, t.metricNamespace, data);
      }
    }
  });
}
