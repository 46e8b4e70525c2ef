import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { CmkBindingCard } from '@/components/cmk-binding-card';
import { TableSkeleton } from '@/components/skeletons';
import { PromotionCard, PromotionCardSkeleton } from '@/components/promotion/promotion-card';
import { StackLive } from '@/components/stack-live';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readStack } from '@/lib/live/stack-feed';
import { EMPTY_LIVE_PARTS } from '@/lib/live/stack-view-state';
import { openStackSection, stackNameFrom, type StackParams } from '@/lib/reads/stack-section';

type Props = { params: StackParams };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await stackNameFrom(params)) ?? 'Not found' };
}

/** The Overview: status, progress and root cause live, alarms, executions, promotion, the CMK, the latest events. */
export default async function StackOverviewPage({ params }: Props) {
  const { name, user } = await openStackSection(params);
  const read = await readOrExplain(() => readStack(name));
  if (!read.ok) return <AwsUnavailable message={read.message} code={read.code} />;
  const { stack, events } = read.value;
  return (
    <StackLive
      name={name}
      initial={{ stack, events, checkedAt: new Date().toISOString(), staleReason: null, ...EMPTY_LIVE_PARTS }}
    >
      {stack && (
        <Suspense fallback={<PromotionCardSkeleton />}>
          <PromotionCard stackName={name} mode={stack.parameters.Mode ?? null} user={user} />
        </Suspense>
      )}
      {stack && (
        // The key and its policy change rarely: read once per page view, streamed in after the live part.
        <Suspense
          fallback={
            <Card title="Log encryption (CMK)">
              <TableSkeleton rows={2} />
            </Card>
          }
        >
          <CmkBindingCard stack={stack} />
        </Suspense>
      )}
    </StackLive>
  );
}
