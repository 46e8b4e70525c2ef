import type { PolicyCheck } from '@/lib/cmk/key-policy';

/** What a failure is matched on: the failing resource's type, the handler's error code and the service's message. */
export interface FailureFacts {
  resourceType: string;
  /** CloudFormation's HandlerErrorCode (InvalidRequest, AccessDenied, …), when the reason carried one. */
  handlerErrorCode?: string;
  /** The service's own message (unwrapped from CloudFormation's envelope), or a stack-level reason. */
  message: string;
}

/**
 * One known mistake and its fix. Entries are data: adding a mistake is adding an entry to knowledge-base.ts, never
 * a branch in the matcher or the UI.
 */
export interface RemediationEntry {
  /** Stable id (kebab-case), used in tests and as data-remediation on the page. */
  id: string;
  title: string;
  match: {
    /** Resource types the mistake fails on; `*` for any (template-level errors come without one). */
    resourceTypes: readonly string[];
    /** Handler error codes it fails with; absent when the failure carries none (template validation). */
    handlerErrorCodes?: readonly string[];
    /** The service's message, as AWS (and localaws) word it. */
    message: RegExp;
  };
  /** Why it fails, in a sentence on-call can act on. */
  cause: string;
  /** The fix in words. */
  fix: string;
  /** The policy statement or template change to make. */
  change: { label: string; language: 'json' | 'typescript' | 'shell'; snippet: string };
  /** Key-policy checks (lib/cmk/key-policy.ts) whose failure this entry remedies, for the CMK chain. */
  policyChecks?: readonly PolicyCheck['id'][];
  /** Where the lesson comes from. */
  source?: string;
}
