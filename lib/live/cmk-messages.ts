import type { CmkChain } from '@/lib/cmk/chain';
import type { LiveError } from './stack-messages';

/** What the CMK stream sends: the whole chain whenever any link changed (null: the stack does not exist). */
export type CmkMessage = { type: 'cmk'; chain: CmkChain | null; at: string } | { type: 'cmk-stale'; error: LiveError };

export const CMK_MESSAGE_TYPES: CmkMessage['type'][] = ['cmk', 'cmk-stale'];

/** The message as a subscriber without `read-full-errors` may see it (the chain's own key error is already plain). */
export function redactCmkMessage(message: CmkMessage): CmkMessage {
  if (message.type !== 'cmk-stale' || message.error.detail === undefined) return message;
  return { type: 'cmk-stale', error: { code: message.error.code, sentence: message.error.sentence } };
}
