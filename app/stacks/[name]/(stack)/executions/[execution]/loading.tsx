import { Card } from '@/components/card';
import { HeadingSkeleton, TableSkeleton } from '@/components/skeletons';

export default function Loading() {
  return (
    <div className="space-y-6">
      <HeadingSkeleton />
      <Card title="State machine">
        <div className="h-96 animate-pulse bg-slate-50" aria-hidden />
      </Card>
      <Card title="History">
        <TableSkeleton rows={6} />
      </Card>
    </div>
  );
}
