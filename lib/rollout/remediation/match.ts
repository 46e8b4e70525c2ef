import type { PolicyCheck } from '@/lib/cmk/key-policy';
import type { RootCause } from '../root-cause';
import { REMEDIATIONS } from './knowledge-base';
import type { FailureFacts, RemediationEntry } from './types';

/**
 * The knowledge-base entries that explain a failure, most specific first. An entry matches when its message pattern
 * does, the resource type is one of its types (or it takes any), and the handler error code is one of its codes
 * (a failure without a code, such as a template validation error, is matched on type and message alone).
 */
export function matchRemediations(
  failure: FailureFacts,
  entries: readonly RemediationEntry[] = REMEDIATIONS,
): RemediationEntry[] {
  return entries
    .map((entry, index) => ({ entry, index, score: score(entry, failure) }))
    .filter((candidate): candidate is { entry: RemediationEntry; index: number; score: number } => candidate.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ entry }) => entry);
}

/** The remediation for a stack's root cause (lib/rollout/root-cause.ts). */
export function remediationsForRootCause(cause: RootCause): RemediationEntry[] {
  return matchRemediations({
    resourceType: cause.event.resourceType,
    handlerErrorCode: cause.handlerErrorCode,
    message: cause.message,
  });
}

/** The entries that fix the given failing key-policy checks, each once, in knowledge-base order. */
export function remediationsForPolicyChecks(
  failing: readonly PolicyCheck['id'][],
  entries: readonly RemediationEntry[] = REMEDIATIONS,
): RemediationEntry[] {
  return entries.filter((entry) => entry.policyChecks?.some((id) => failing.includes(id)));
}

export function remediationById(id: string): RemediationEntry | undefined {
  return REMEDIATIONS.find((entry) => entry.id === id);
}

/** null: no match; otherwise higher is more specific (a named type beats `*`, a named code beats none). */
function score(entry: RemediationEntry, failure: FailureFacts): number | null {
  const { resourceTypes, handlerErrorCodes, message } = entry.match;
  const typeNamed = resourceTypes.includes(failure.resourceType);
  if (!typeNamed && !resourceTypes.includes('*')) return null;
  const code = failure.handlerErrorCode;
  if (code && handlerErrorCodes && !handlerErrorCodes.includes(code)) return null;
  if (!message.test(failure.message)) return null;
  return (typeNamed ? 2 : 0) + (code && handlerErrorCodes ? 1 : 0);
}
