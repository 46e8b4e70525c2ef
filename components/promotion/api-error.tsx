'use client';

import Link from '@/components/link';
import { usePathname } from 'next/navigation';
import type { ApiFailure } from './api-client';
import { promotionHref } from './api-client';

/** An API failure in words, next to the control that caused it. A 401 links to sign-in and back here. */
export function ApiErrorMessage({ failure, stackName }: { failure: ApiFailure | null; stackName?: string }) {
  const pathname = usePathname();
  if (!failure) return null;
  return (
    <p role="alert" data-testid="api-error" data-error={failure.error} className="text-sm text-rose-800 [overflow-wrap:anywhere]">
      {failure.status === 401 ? (
        <>
          Your session ended:{' '}
          <Link
            href={`/signin?callbackUrl=${encodeURIComponent(pathname)}`}
            className="font-medium underline hover:text-rose-950"
          >
            sign in again
          </Link>
          .
        </>
      ) : (
        <>
          {failure.message}
          {failure.promotionId && stackName && (
            <>
              {' '}
              <Link href={promotionHref(stackName, failure.promotionId)} className="font-medium underline hover:text-rose-950">
                Open that request
              </Link>
            </>
          )}
        </>
      )}
    </p>
  );
}
