import { describe, expect, it } from 'vitest';
import { canonicalJson, hashAuditEntry, sealAuditEntry, sha256Hex } from './audit-hash';
import { auditInput } from './store-contract';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    const value = { b: 1, a: { d: [3, { z: 1, y: undefined, x: 2 }], c: 'é' }, u: undefined };
    expect(canonicalJson(value)).toBe('{"a":{"c":"é","d":[3,{"x":2,"z":1}]},"b":1}');
  });

  it('gives the same text whatever order the fields were written in', () => {
    expect(canonicalJson({ x: 1, y: { q: true, p: null } })).toBe(canonicalJson({ y: { p: null, q: true }, x: 1 }));
  });
});

describe('audit hashes', () => {
  const input = auditInput({ paramsAfter: { Mode: 'apply' }, comment: undefined });

  it('hashes prevHash, a newline and the canonical entry without its hash', () => {
    const entry = sealAuditEntry(input, 3, '2025-01-02T10:00:00.000Z', 'f'.repeat(64));
    const { hash, ...rest } = entry;
    expect(hash).toBe(sha256Hex(`${'f'.repeat(64)}\n${canonicalJson(rest)}`));
    expect(hashAuditEntry(entry)).toBe(hash);
  });

  it('changes when any recorded field, the time or the link changes, and ignores fields it does not record', () => {
    const entry = sealAuditEntry(input, 3, '2025-01-02T10:00:00.000Z', '');
    expect(hashAuditEntry({ ...entry, outcome: 'ok.' })).not.toBe(entry.hash);
    expect(hashAuditEntry({ ...entry, paramsAfter: { Mode: 'dry-run' } })).not.toBe(entry.hash);
    expect(hashAuditEntry({ ...entry, at: '2025-01-02T10:00:00.001Z' })).not.toBe(entry.hash);
    expect(hashAuditEntry({ ...entry, prevHash: 'a' })).not.toBe(entry.hash);
    expect(hashAuditEntry({ ...entry, seq: 4 })).not.toBe(entry.hash);
    expect(hashAuditEntry({ ...entry, extra: 'x' } as typeof entry)).toBe(entry.hash);
    expect(sealAuditEntry({ ...input, extra: 'x' } as typeof input, 3, entry.at, '')).toEqual(entry);
  });
});
