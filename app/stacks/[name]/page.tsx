import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { PageHeading } from '@/components/page-heading';
import { StackLive } from '@/components/stack-live';
import { readStack } from '@/lib/live/stack-feed';
import { isValidStackName } from '@/lib/rollout/status';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: decodeURIComponent(name) };
}

export default async function StackPage({ params }: Props) {
  await connection();
  const name = decodeURIComponent((await params).name);
  if (!isValidStackName(name)) notFound();
  const { stack, events } = await readStack(name);
  return (
    <div className="space-y-6">
      <PageHeading
        eyebrow={<Link href="/" className="hover:text-slate-900 hover:underline">Stacks</Link>}
        title={name}
        subtitle={stack?.description}
      />
      <StackLive name={name} initial={{ stack, events, checkedAt: new Date().toISOString(), staleReason: null }} />
    </div>
  );
}
