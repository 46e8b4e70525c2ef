import { Card } from '@/components/card';
import { PatternTesterSkeleton } from '@/components/cmk/pattern-tester-section';
import { HeadingSkeleton, TableSkeleton } from '@/components/skeletons';

export default function Loading() {
  return (
    <div className="space-y-6">
      <HeadingSkeleton />
      <Card title="Key → log group → metric filters → alarms">
        <TableSkeleton rows={5} />
      </Card>
      <PatternTesterSkeleton />
    </div>
  );
}
