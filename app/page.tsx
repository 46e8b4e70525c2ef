import { connection } from 'next/server';
import { AutoRefresh } from '@/components/auto-refresh';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { PageHeading } from '@/components/page-heading';
import { StacksTable } from '@/components/stacks-table';
import { requireUser } from '@/lib/auth/guard';
import { listStacks } from '@/lib/aws/cloudformation';
import { readOrExplain } from '@/lib/aws/read-or-explain';

export default async function StacksPage() {
  await requireUser('/');
  await connection(); // stacks change under us: always render per request
  const stacks = await readOrExplain(listStacks);
  return (
    <div className="space-y-6">
      <PageHeading title="Stacks" subtitle="CloudFormation stacks in this account and region." />
      {stacks.ok ? (
        <Card
          title={
            <>
              All stacks <span className="ml-1 font-normal text-slate-500">{stacks.value.length}</span>
            </>
          }
          actions={<AutoRefresh seconds={10} />}
        >
          <StacksTable stacks={stacks.value} />
        </Card>
      ) : (
        <AwsUnavailable message={stacks.message} />
      )}
    </div>
  );
}
