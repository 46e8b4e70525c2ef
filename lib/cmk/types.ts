import type { PolicyCheck } from './key-policy';

export interface KeyFacts {
  keyId: string;
  arn: string;
  /** Enabled, Disabled, PendingDeletion, … */
  state: string;
  rotation: boolean | null;
  aliases: string[];
}

/** How the stack's execution log group is bound to its CMK, and whether the key's policy allows it. */
export type CmkBinding =
  | { kind: 'no-log-group' }
  | { kind: 'unencrypted'; logGroupName: string; cmkExpected: boolean }
  | { kind: 'bound'; logGroupName: string; logGroupArn: string; key: KeyFacts | null; keyError?: string; checks: PolicyCheck[] };
