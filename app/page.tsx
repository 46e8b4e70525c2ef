import { connection } from 'next/server';
import { AutoRefresh } from '@/components/auto-refresh';
import { Card } from '@/components/card';
import { PageHeading } from '@/components/page-heading';
import { StacksTable } from '@/components/stacks-table';
import { listStacks } from '@/lib/aws/cloudformation';

export default async function StacksPage() {
  await connection(); // stacks change under us: always render per request
  const stacks = await listStacks();
  return (
    <div className="space-y-6">
      <PageHeading title="Stacks" subtitle="CloudFormation stacks in this account and region." />
      <Card title={<>All stacks <span className="ml-1 font-normal text-slate-500">{stacks.length}</span></>} actions={<AutoRefresh seconds={10} />}>
        <StacksTable stacks={stacks} />
      </Card>
    </div>
  );
}
