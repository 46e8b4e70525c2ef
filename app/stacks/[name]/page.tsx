import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { CmkBindingCard } from '@/components/cmk-binding-card';
import { TableSkeleton } from '@/components/skeletons';
import { PageHeading } from '@/components/page-heading';
import { PromotionCard, PromotionCardSkeleton } from '@/components/promotion/promotion-card';
import { StackLive } from '@/components/stack-live';
import { requireUser } from '@/lib/auth/guard';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readStack } from '@/lib/live/stack-feed';
import { EMPTY_LIVE_PARTS } from '@/lib/live/stack-view-state';
import { isValidStackName } from '@/lib/rollout/status';

type Props = { params: Promise<{ name: string }> };

/** The stack name from the URL, or null when it cannot be one (bad escapes included). */
async function stackNameFrom(params: Props['params']): Promise<string | null> {
  try {
    const name = decodeURIComponent((await params).name);
    return isValidStackName(name) ? name : null;
  } catch {
    return null;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await stackNameFrom(params)) ?? 'Not found' };
}

export default async function StackPage({ params }: Props) {
  await connection();
  const name = await stackNameFrom(params);
  if (!name) notFound();
  const user = await requireUser(`/stacks/${encodeURIComponent(name)}`);
  const read = await readOrExplain(() => readStack(name));
  const stack = read.ok ? read.value.stack : null;
  return (
    <div className="space-y-6">
      <PageHeading
        eyebrow={
          <Link href="/" className="hover:text-slate-900 hover:underline">
            Stacks
          </Link>
        }
        title={name}
        subtitle={stack?.description}
      />
      {read.ok ? (
        <StackLive
          name={name}
          initial={{
            stack,
            events: read.value.events,
            checkedAt: new Date().toISOString(),
            staleReason: null,
            ...EMPTY_LIVE_PARTS,
          }}
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
      ) : (
        <AwsUnavailable message={read.message} />
      )}
    </div>
  );
}
