import { remediationsForRootCause } from '@/lib/rollout/remediation/match';
import type { RootCause } from '@/lib/rollout/root-cause';
import { RemediationList } from './remediation-list';

/** The known fixes for a root cause: the knowledge base travels to the browser only when something failed. */
export function RootCauseRemedies({ cause }: { cause: RootCause }) {
  return <RemediationList entries={remediationsForRootCause(cause)} />;
}
