import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { PageHeading } from '@/components/page-heading';
import { StackSectionNav } from '@/components/stack-sections/section-nav';
import { currentUser } from '@/lib/auth/guard';
import { readStackSummary } from '@/lib/reads/stack';
import { stackNameFrom, type StackParams } from '@/lib/reads/stack-section';

/**
 * Every stack page: the heading and the section tabs. The sections' pages check the user themselves (and send
 * anonymous visitors to sign-in, back to the section they asked for); this layout shows nothing to them. No
 * status badge here: the layout stays mounted while moving between sections, so it would go stale during a
 * rollout; the Overview's status is the live one.
 */
export default async function StackLayout({ params, children }: { params: StackParams; children: React.ReactNode }) {
  const name = await stackNameFrom(params);
  if (!name) notFound();
  const user = await currentUser();
  if (!user) return children;
  return (
    <div className="space-y-6">
      <div className="space-y-4">
        <PageHeading
          eyebrow={
            <Link href="/" className="hover:text-slate-900 hover:underline">
              Stacks
            </Link>
          }
          title={name}
          subtitle={
            <Suspense fallback={null}>
              <StackDescription name={name} />
            </Suspense>
          }
        />
        <StackSectionNav name={name} />
      </div>
      {children}
    </div>
  );
}

/** The description, if the stack has one; an AWS failure here is left to the section's own read to explain. */
async function StackDescription({ name }: { name: string }) {
  const stack = await readStackSummary(name).catch(() => null);
  return stack?.description ?? null;
}
