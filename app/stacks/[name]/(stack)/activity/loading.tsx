import { Card } from '@/components/card';
import { HeadingSkeleton, TableSkeleton } from '@/components/skeletons';

export default function Loading() {
  return (
    <div className="space-y-6">
      <HeadingSkeleton />
      <Card title="Timeline">
        <TableSkeleton rows={8} />
      </Card>
    </div>
  );
}
