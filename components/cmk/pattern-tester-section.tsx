import { readOrExplain } from '@/lib/aws/read-or-explain';
import type { ChainFilter } from '@/lib/cmk/chain';
import { usableSampleLines } from '@/lib/cmk/pattern-limits';
import { readSampleLogLines } from '@/lib/reads/cmk-chain';
import { Card } from '../card';
import { PatternTester } from './pattern-tester';

const TITLE = 'Try the metric filters';

/** A pattern tester per metric filter, prefilled with the group's newest events (read once per page view). */
export async function PatternTesterSection({
  stackName,
  logGroupName,
  filters,
}: {
  stackName: string;
  logGroupName: string | null;
  filters: Pick<ChainFilter, 'name' | 'pattern'>[];
}) {
  if (!logGroupName || filters.length === 0) {
    return (
      <Card title={TITLE}>
        <p className="px-4 py-6 text-sm text-slate-600">This stack’s log group has no metric filters to try.</p>
      </Card>
    );
  }
  const samples = await readOrExplain(() => readSampleLogLines(logGroupName));
  const lines = samples.ok ? usableSampleLines(samples.value) : [];
  return (
    <Card title={TITLE}>
      {!samples.ok && (
        <p className="border-b border-amber-100 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          Could not read recent events to prefill the samples: {samples.message}
        </p>
      )}
      <div className="divide-y divide-slate-100">
        {filters.map((filter) => (
          <PatternTester
            key={filter.name}
            stackName={stackName}
            filterName={filter.name}
            pattern={filter.pattern}
            sampleLines={lines}
          />
        ))}
      </div>
    </Card>
  );
}

export function PatternTesterSkeleton() {
  return (
    <Card title={TITLE}>
      <div className="animate-pulse space-y-3 px-4 py-4" aria-hidden>
        <div className="h-3 w-32 rounded bg-slate-200" />
        <div className="h-14 rounded bg-slate-100" />
        <div className="h-24 rounded bg-slate-100" />
      </div>
    </Card>
  );
}
