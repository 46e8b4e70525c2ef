'use client';

import NextLink from 'next/link';
import { useState, type ComponentProps } from 'react';

/**
 * next/link that prefetches once the user shows intent (the pointer on it, keyboard focus, a touch), not whenever it
 * is on screen. A stack page shows about thirty links (its sections, alarms, executions, the header's), and Next's
 * viewport prefetching turned each page view into ~28 server renders, each with its AWS reads: CPU on the server
 * and CloudFormation and CloudWatch calls, counted against their rate limits, for pages nobody opened. Intent still
 * leaves the prefetch a head start of the time between hover and click.
 */
export default function Link({ prefetch, onPointerEnter, onFocus, onTouchStart, ...props }: ComponentProps<typeof NextLink>) {
  const [intent, setIntent] = useState(false);
  return (
    <NextLink
      {...props}
      prefetch={intent ? prefetch : false}
      onPointerEnter={(event) => {
        setIntent(true);
        onPointerEnter?.(event);
      }}
      onFocus={(event) => {
        setIntent(true);
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        setIntent(true);
        onTouchStart?.(event);
      }}
    />
  );
}
