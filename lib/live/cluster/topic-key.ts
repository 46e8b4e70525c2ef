import { createHash } from 'node:crypto';

/**
 * A topic's name in PostgreSQL: the first 64 bits of its SHA-256, as the advisory lock key (a bigint, so every
 * instance computes the same key for the same account, region and stack) and as the LISTEN channel (an
 * identifier, which a topic such as `http://127.0.0.1:4566|us-east-1|stack-page|TapStack-dev` is not).
 */
export function topicIds(topic: string): { lockKey: string; channel: string } {
  const digest = createHash('sha256').update(topic).digest();
  return { lockKey: digest.readBigInt64BE(0).toString(), channel: `tapdeck_live_${digest.subarray(0, 8).toString('hex')}` };
}
