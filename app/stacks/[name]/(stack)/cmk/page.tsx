import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { CmkChainLive } from '@/components/cmk/cmk-chain-live';
import { PatternTesterSection, PatternTesterSkeleton } from '@/components/cmk/pattern-tester-section';
import { PageHeading } from '@/components/page-heading';
import { requireUser } from '@/lib/auth/guard';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readCmkChain } from '@/lib/live/cmk-feed';
import { isValidStackName } from '@/lib/rollout/status';

type Props = { params: Promise<{ name: string }> };

async function stackNameFrom(params: Props['params']): Promise<string | null> {
  try {
    const name = decodeURIComponent((await params).name);
    return isValidStackName(name) ? name : null;
  } catch {
    return null;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const name = await stackNameFrom(params);
  return { title: name ? `CMK chain · ${name}` : 'Not found' };
}

/** The stack's log-encryption chain, live (key → log group → metric filters → alarms), and a pattern tester. */
export default async function CmkPage({ params }: Props) {
  await connection();
  const name = await stackNameFrom(params);
  if (!name) notFound();
  await requireUser(`/stacks/${encodeURIComponent(name)}/cmk`);
  const read = await readOrExplain(() => readCmkChain(name));
  const chain = read.ok ? read.value : null;
  const logGroupName = chain && chain.binding.kind !== 'no-log-group' ? chain.binding.logGroupName : null;
  return (
    <div className="space-y-6">
      <PageHeading
        eyebrow={
          <Link href={`/stacks/${encodeURIComponent(name)}`} className="hover:text-slate-900 hover:underline">
            {name}
          </Link>
        }
        title="CMK chain"
        subtitle="Whether the execution logs reach the alarms: the key, its policy, the log group, its metric filters and their alarms."
      />
      {read.ok ? (
        <>
          <CmkChainLive name={name} initial={chain} initialAt={new Date().toISOString()} />
          {chain && (
            <Suspense fallback={<PatternTesterSkeleton />}>
              <PatternTesterSection stackName={name} logGroupName={logGroupName} filters={chain.filters} />
            </Suspense>
          )}
        </>
      ) : (
        <AwsUnavailable message={read.message} code={read.code} />
      )}
    </div>
  );
}
