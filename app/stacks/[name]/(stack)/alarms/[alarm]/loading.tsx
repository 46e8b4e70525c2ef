import { Card } from '@/components/card';
import { HeadingSkeleton, TableSkeleton } from '@/components/skeletons';

export default function Loading() {
  return (
    <div className="space-y-6">
      <HeadingSkeleton />
      <Card title="Now">
        <TableSkeleton rows={2} />
      </Card>
      <Card title="Metric">
        <TableSkeleton rows={4} />
      </Card>
    </div>
  );
}
