import { Card } from '@/components/card';
import { HeadingSkeleton, TableSkeleton } from '@/components/skeletons';

export default function Loading() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading">
      <HeadingSkeleton />
      <Card title="Loading…">
        <TableSkeleton />
      </Card>
    </div>
  );
}
