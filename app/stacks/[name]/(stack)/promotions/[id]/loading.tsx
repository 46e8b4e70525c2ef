import { Card } from '@/components/card';
import { HeadingSkeleton, TableSkeleton } from '@/components/skeletons';

export default function Loading() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading">
      <HeadingSkeleton />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-6">
          <Card title="Request">
            <TableSkeleton rows={3} />
          </Card>
          <Card title="Change set">
            <TableSkeleton rows={2} />
          </Card>
        </div>
        <Card title="Timeline">
          <TableSkeleton rows={3} />
        </Card>
      </div>
    </div>
  );
}
