import { AwsCallError } from '@/lib/aws/client-config';
import { explainAwsError } from '@/lib/aws/explain-error';
import type { LiveError } from './stack-messages';

/**
 * A poll's failure in the shape the stream publishes. AWS failures are explained; anything else is a bug whose
 * text is for the log and admins only.
 */
export function liveErrorFrom(error: unknown): LiveError {
  if (error instanceof AwsCallError) return { ...explainAwsError(error), detail: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'InternalError', sentence: 'tapdeck could not refresh this data; the server log has the details.', detail };
}

/** Logs a poller's failure once per streak of failures, so a dead endpoint does not fill the log at every retry. */
export function logPollFailure(what: string, error: unknown, failures: number): void {
  if (failures === 1) console.error(`tapdeck: polling ${what} failed (retrying with backoff)`, error);
}
