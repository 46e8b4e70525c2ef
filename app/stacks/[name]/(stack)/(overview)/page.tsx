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
      {stack && stack.parameters.Mode !== undefined && (
        <Suspense fallback={<PromotionCardSkeleton />}>
          <PromotionCard stackName={name} mode={stack.parameters.Mode} user={user} />
        </Suspense>
      )}
      {stack && stack.parameters.Mode === undefined && (
        // Not a TapStack: a checklist of eight failures would say nothing useful.
        <Card title="Promotion">
          <p className="p-4 text-sm text-slate-600">
            Promotion flips a TapStack&apos;s <code className="font-mono">Mode</code> parameter from dry-run to apply; this stack
            has no <code className="font-mono">Mode</code> parameter.
          </p>
        </Card>
      )}
      {stack && (
        // Streamed in after the live part; the card then follows the shared CMK poller.
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
