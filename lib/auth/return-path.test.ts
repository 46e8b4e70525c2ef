import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it.each(['/', '/stacks/TapStack-dev', '/stacks/TapStack-dev?tab=alarms#events', '/audit?page=2'])(
    'keeps the same-site path %s',
    (path) => {
      expect(safeReturnPath(path)).toBe(path);
    },
  );

  it.each([
    ['//evil.example', 'protocol-relative URL'],
    ['https://evil.example/', 'absolute URL'],
    ['/\\evil.example', 'backslash, which browsers read as a slash'],
    ['\\\\evil.example', 'two backslashes'],
    ['/\t/evil.example', 'a tab browsers drop, leaving //'],
    ['/\n/evil.example', 'a newline browsers drop, leaving //'],
    ['javascript:alert(1)', 'a script URL'],
    ['stacks', 'a relative path'],
    ['', 'nothing'],
  ])('sends %j (%s) to /', (path) => {
    expect(safeReturnPath(path)).toBe('/');
  });

  it('sends a missing callbackUrl to /', () => {
    expect(safeReturnPath(undefined)).toBe('/');
    expect(safeReturnPath(null)).toBe('/');
  });

  it('normalizes dot segments instead of passing them on', () => {
    expect(safeReturnPath('/stacks/../audit')).toBe('/audit');
    expect(safeReturnPath('/..//evil.example')).toBe('/');
    expect(safeReturnPath('/a/../..//evil.example/x')).toBe('/');
  });
});
