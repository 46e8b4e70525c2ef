import { createHash } from 'node:crypto';
import { canonicalJson } from '@/lib/store/audit-hash';

/**
 * What an approval is bound to: sha256 over the change set's template (GetTemplate, stage Original) and the
 * canonical JSON of its parameters (keys sorted, as the audit log hashes them). Execute recomputes it; any
 * difference voids the approval.
 */
export function changeSetHash(templateBody: string, parameters: Record<string, string>): string {
  return createHash('sha256').update(templateBody).update('\n').update(canonicalJson(parameters)).digest('hex');
}
