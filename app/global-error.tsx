'use client';

import { ErrorPanel } from '@/components/error-panel';
import './globals.css';

/**
 * When the root layout itself fails (the header's session read, the theme cookie), app/error.tsx cannot help:
 * this replaces the whole document, without the header.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en" className="theme-system">
      <body className="min-h-screen">
        <main className="mx-auto w-full max-w-2xl px-4 py-10">
          <ErrorPanel error={error} reset={reset} title="tapdeck could not render this page" />
        </main>
      </body>
    </html>
  );
}
