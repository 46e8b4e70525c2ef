import { FleetSkeleton } from '@/components/fleet/fleet-skeleton';
import { HeadingSkeleton } from '@/components/skeletons';

export default function Loading() {
  return (
    <div className="space-y-6">
      <HeadingSkeleton />
      <FleetSkeleton />
    </div>
  );
}
