import { describe, expect, it } from 'vitest';
import { buildCsp, createNonce } from './csp';

const directives = (csp: string) => new Map(csp.split('; ').map((part) => [part.split(' ')[0]!, part.split(' ').slice(1)]));

describe('buildCsp', () => {
  it('lets only nonce-bearing scripts (and what they load) run in production', () => {
    const csp = directives(buildCsp({ nonce: 'abc123==', dev: false, https: false }));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(buildCsp({ nonce: 'n', dev: true, https: false })).toContain(
      "script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval';",
    );
    expect(buildCsp({ nonce: 'n', dev: false, https: false })).not.toContain('unsafe-eval');
  });

  it('upgrades insecure requests only when served over https', () => {
    expect(directives(buildCsp({ nonce: 'n', dev: false, https: true })).has('upgrade-insecure-requests')).toBe(true);
    expect(directives(buildCsp({ nonce: 'n', dev: false, https: false })).has('upgrade-insecure-requests')).toBe(false);
  });
});

describe('createNonce', () => {
  it('is 128 bits of base64 and new every time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
