import type { Metadata } from 'next';
import Link from '@/components/link';
import { Suspense } from 'react';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { CmkChainLive } from '@/components/cmk/cmk-chain-live';
import { PatternTesterSection, PatternTesterSkeleton } from '@/components/cmk/pattern-tester-section';
import { PageHeading } from '@/components/page-heading';
import { readOrExplain } from '@/lib/aws/read-or-explain';
import { readCmkChain } from '@/lib/live/cmk-feed';
import { openStackSection, stackNameFrom, stackPath, type StackParams } from '@/lib/reads/stack-section';

type Props = { params: StackParams };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const name = await stackNameFrom(params);
  return { title: name ? `CMK chain · ${name}` : 'Not found' };
}

/** The stack's log-encryption chain, live (key → log group → metric filters → alarms), and a pattern tester. */
export default async function CmkPage({ params }: Props) {
  const { name } = await openStackSection(params, 'cmk');
  const read = await readOrExplain(() => readCmkChain(name));
  const chain = read.ok ? read.value : null;
  const logGroupName = chain && chain.binding.kind !== 'no-log-group' ? chain.binding.logGroupName : null;
  return (
    <div className="space-y-6">
      <PageHeading
        eyebrow={
          <Link href={stackPath(name)} className="hover:text-slate-900 hover:underline">
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
