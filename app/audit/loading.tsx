import { Card } from '@/components/card';
import { HeadingSkeleton, TableSkeleton } from '@/components/skeletons';

export default function Loading() {
  return (
    <div className="space-y-6" role="status" aria-label="Loading">
      <HeadingSkeleton />
      <div className="h-16 animate-pulse rounded-xl border border-slate-200 bg-white" aria-hidden />
      <Card title="Entries">
        <TableSkeleton rows={8} />
      </Card>
    </div>
  );
}
