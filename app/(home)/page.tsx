import { connection } from 'next/server';
import { Suspense } from 'react';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { FleetOverview } from '@/components/fleet/fleet-overview';
import { FleetSkeleton } from '@/components/fleet/fleet-skeleton';
import { PageHeading } from '@/components/page-heading';
import { requireUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { config } from '@/lib/config';
import { readFleet } from '@/lib/live/fleet-feed';
import { describeLiveError } from '@/lib/live/stack-messages';

export default async function FleetPage() {
  await requireUser('/');
  await connection(); // the fleet changes under us: always render per request
  return (
    <div className="space-y-6">
      <PageHeading
        title="Stacks"
        subtitle="The TapStack fleet, live: status, mode, CMK binding, alarms and the last run of every environment."
      />
      <Suspense fallback={<FleetSkeleton />}>
        <Fleet />
      </Suspense>
    </div>
  );
}

/** The first render reads from the shared fleet poller; the browser then follows it over /api/fleet/stream. */
async function Fleet() {
  const [user, read] = await Promise.all([requireUser('/'), readFleet()]);
  const { membership } = config.fleet;
  const tag = membership.tag
    ? `${membership.tag.key}${membership.tag.value === undefined ? '' : `=${membership.tag.value}`}`
    : null;
  const message = read.ok
    ? ''
    : can(user.role, 'read-full-errors')
      ? describeLiveError(read.error)
      : `${read.error.code}: ${read.error.sentence}`;
  return (
    <FleetOverview
      initial={read.ok ? read.fleet : null}
      unavailable={<AwsUnavailable message={message} code={read.ok ? undefined : read.error.code} />}
      membership={{ pattern: membership.namePattern.source, tag }}
    />
  );
}
