'use client';

import { ErrorPanel } from '@/components/error-panel';

/** The audit store could not be read (the database file, a migration): say which page failed, offer a retry. */
export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} title="The audit log could not be read" />;
}
