import type { TIME_RANGES, TimeRangeId } from '@/lib/alarms/chart';
import { formatPeriod } from '@/lib/alarms/describe-condition';
import { filterHistory, type HistoryFilter } from '@/lib/alarms/history';
import type { AlarmSummary } from '@/lib/alarms/types';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readAlarmHistory, readAlarmMetric } from '@/lib/reads/alarms';
import { AwsUnavailable } from '../aws-unavailable';
import { Card } from '../card';
import { LazyAlarmChart as AlarmChart } from './alarm-chart-lazy';
import { AlarmHistory } from './alarm-history';
import { TimeRangePicker } from './time-range-picker';

/** The metric card: the alarm's metric over the chosen range at its own period and statistic. */
export async function AlarmMetricCard({
  alarm,
  range,
  hrefFor,
}: {
  alarm: AlarmSummary;
  range: (typeof TIME_RANGES)[number];
  hrefFor: (range: TimeRangeId) => string;
}) {
  const to = new Date();
  const from = new Date(to.getTime() - range.ms);
  const read = await readOrExplain(() => readAlarmMetric(alarm, range.ms, to));
  const breaching = read.ok ? read.value.filter((p) => p.breaching).length : 0;
  const label = `${alarm.statistic ?? '?'} of ${alarm.metricName ?? 'the metric'} per ${formatPeriod(alarm.periodSeconds)}`;
  return (
    <Card title={<>Metric · {label}</>} actions={<TimeRangePicker current={range.id} hrefFor={hrefFor} />}>
      <div className="px-4 py-4">
        {!read.ok ? (
          <AwsUnavailable message={read.message} code={read.code} />
        ) : read.value.length === 0 ? (
          <p className="py-8 text-center text-sm text-slate-500">
            No datapoints in the last {range.label}: the metric had no data (this alarm treats missing data as{' '}
            {alarm.treatMissingData ?? 'missing'}).
          </p>
        ) : (
          <>
            <AlarmChart
              points={read.value}
              threshold={alarm.threshold}
              from={from.toISOString()}
              to={to.toISOString()}
              unitLabel={label}
            />
            <p className="mt-2 text-xs text-slate-500" data-testid="breach-summary">
              {breaching === 0
                ? `No period in the last ${range.label} crossed the threshold.`
                : `${breaching} of ${read.value.length} periods in the last ${range.label} crossed the threshold (red).`}{' '}
              Times in UTC.
            </p>
          </>
        )}
      </div>
    </Card>
  );
}

/** The history card: CloudWatch's alarm history, filtered by transition. */
export async function AlarmHistoryCard({
  alarm,
  filter,
  hrefFor,
}: {
  alarm: AlarmSummary;
  filter: HistoryFilter;
  hrefFor: (filter: HistoryFilter) => string;
}) {
  const read = await readOrExplain(() => readAlarmHistory(alarm.name));
  if (!read.ok) {
    return (
      <Card title="History">
        <div className="p-4">
          <AwsUnavailable message={read.message} code={read.code} />
        </div>
      </Card>
    );
  }
  return <AlarmHistory entries={filterHistory(read.value, filter)} filter={filter} hrefFor={hrefFor} />;
}
