import { hashAuditEntry } from './audit-hash';
import type { AuditEntry, AuditVerification } from './types';

/**
 * The audit chain's verification, shared by every store so they judge a log the same way: feed the rows in seq
 * order (`check` answers the first problem, or null to go on), then `finish` with the head row that every
 * append updates. Stateful rather than taking an array so a store can stream a long log in pages.
 */
export interface AuditHead {
  count: number;
  last_seq: number;
  last_hash: string;
}

export interface ChainVerifier {
  /** `read` maps the row to an entry; it throws when a JSON column no longer parses. */
  check(seq: number, prevHash: unknown, read: () => AuditEntry): AuditVerification | null;
  finish(head: AuditHead | undefined): AuditVerification;
}

const bad = (count: number, firstBadSeq: number, reason: string): AuditVerification => ({
  ok: false,
  count,
  firstBadSeq,
  reason,
});

export function createChainVerifier(): ChainVerifier {
  let count = 0;
  let prevHash = '';
  return {
    check(seq, rowPrevHash, read) {
      const expected = count + 1;
      if (seq !== expected) {
        if (seq < expected) return bad(count, seq, `entry ${seq} is out of sequence (expected ${expected})`);
        return bad(
          count,
          seq,
          seq - 1 === expected ? `entry ${expected} is missing` : `entries ${expected} to ${seq - 1} are missing`,
        );
      }
      if (rowPrevHash !== prevHash) {
        return bad(count, seq, `entry ${seq} does not follow entry ${seq - 1}: its prev_hash is not that entry's hash`);
      }
      let entry: AuditEntry;
      try {
        entry = read();
      } catch {
        return bad(count, seq, `entry ${seq} was altered: a JSON column no longer parses`);
      }
      if (hashAuditEntry(entry) !== entry.hash)
        return bad(count, seq, `entry ${seq} was altered: its contents do not match its hash`);
      prevHash = entry.hash;
      count = seq;
      return null;
    },
    finish(head) {
      // The chain cannot tell that its newest entries were removed; the head written with every append can.
      if (!head) return bad(count, count + 1, 'the audit head is missing, so the newest entries cannot be checked');
      if (head.last_seq > count) {
        const missing =
          head.last_seq === count + 1 ? `entry ${count + 1} is missing` : `entries ${count + 1} to ${head.last_seq} are missing`;
        return bad(count, count + 1, `${missing} (the newest: the audit head records ${head.count} entries)`);
      }
      if (head.last_seq < count || head.count !== count) {
        const recorded = `the audit head records ${head.count} entries ending at ${head.last_seq}`;
        return bad(count, head.last_seq + 1, `${recorded}, the log has ${count}`);
      }
      if (head.last_hash !== prevHash)
        return bad(count - 1, count, `entry ${count} does not match the hash the audit head recorded for it`);
      return { ok: true, count };
    },
  };
}
