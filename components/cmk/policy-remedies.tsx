import type { PolicyCheck } from '@/lib/cmk/key-policy';
import { remediationsForPolicyChecks } from '@/lib/rollout/remediation/match';
import { RemediationList } from '../remediation-list';

/** How to fix the failing key-policy checks: the knowledge base travels to the browser only when one fails. */
export function PolicyRemedies({ checks }: { checks: PolicyCheck['id'][] }) {
  return <RemediationList entries={remediationsForPolicyChecks(checks)} heading="How to fix the key policy" />;
}
