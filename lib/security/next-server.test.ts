import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNextCliServer, NEXT_SERVER_REFUSAL } from './next-server.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

describe('isNextCliServer', () => {
  it('is true for `next start` and for the child `next dev` serves from', () => {
    expect(isNextCliServer(['/usr/bin/node', '/repo/node_modules/.bin/next', 'start', '-p', '3000'])).toBe(true);
    expect(isNextCliServer(['/usr/bin/node', '/repo/node_modules/next/dist/server/lib/start-server.js'])).toBe(true);
  });

  it('is false for `next build` and for server.ts, which runs Next as a library', () => {
    expect(isNextCliServer(['/usr/bin/node', '/repo/node_modules/.bin/next', 'build'])).toBe(false);
    expect(isNextCliServer(['/usr/bin/node', '/repo/server.ts', '-H', '127.0.0.1'])).toBe(false);
    expect(isNextCliServer(['/usr/bin/node'])).toBe(false);
  });
});

describe('`next start`', () => {
  it('is refused with a pointer to `npm start`, before it serves anything', () => {
    const r = spawnSync(process.execPath, [nextBin, 'start', '-p', '0'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(NEXT_SERVER_REFUSAL);
  });
});
