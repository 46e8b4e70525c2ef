import { Card } from '@/components/card';
import { HeadingSkeleton, TableSkeleton } from '@/components/skeletons';

export default function Loading() {
  return (
    <div className="space-y-6">
      <HeadingSkeleton />
      <Card title="Alarms">
        <TableSkeleton rows={4} />
      </Card>
    </div>
  );
}
