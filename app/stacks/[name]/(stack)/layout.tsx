import { notFound } from 'next/navigation';
import { currentUser } from '@/lib/auth/guard';
import { readStackSummary } from '@/lib/reads/stack';
import { stackNameFrom, type StackParams } from '@/lib/reads/stack-section';

/**
 * Every section of a stack (the Overview included) behind one existence check that runs before any section's
 * loading state streams: once a loading state has been sent the status is 200 whatever follows, so this is the
 * last place a missing stack can still answer 404 (with ../not-found.tsx, which waits for the stack). One
 * DescribeStacks, shared with the heading and the sections through React's per-request cache. An AWS failure is
 * not an answer: the section explains it. Anonymous visitors learn nothing here; the sections send them to sign-in.
 */
export default async function ExistingStackLayout({ params, children }: { params: StackParams; children: React.ReactNode }) {
  const name = await stackNameFrom(params);
  if (!name) notFound();
  if (!(await currentUser())) return children;
  const stack = await readStackSummary(name).catch(() => undefined);
  if (stack === null) notFound();
  return children;
}
