'use client';

import Link from '@/components/link';
import { useParams } from 'next/navigation';

/** An unknown or malformed request id, or one that belongs to another stack. */
export default function PromotionNotFound() {
  const params = useParams<{ name?: string }>();
  const stack = typeof params?.name === 'string' ? params.name : null;
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">No such promotion request</h1>
      <p className="mt-2 text-sm text-slate-600">
        This stack has no promotion request with that id. Request ids are 6 to 64 letters, digits, hyphens or underscores.
      </p>
      <Link
        href={stack ? `/stacks/${stack}` : '/'}
        className="mt-4 inline-block text-sm font-medium text-sky-700 hover:underline"
      >
        {stack ? 'Back to the stack' : 'Back to stacks'}
      </Link>
    </div>
  );
}
