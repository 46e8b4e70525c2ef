import { describe, expect, it } from 'vitest';
import { htmlClassOf, parseTheme, themeCookie } from './theme';

describe('theme', () => {
  it('reads the cookie, falling back to system for anything unknown', () => {
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme(undefined)).toBe('system');
    expect(parseTheme('<script>')).toBe('system');
  });

  it('maps each theme to the class globals.css keys the dark palette on', () => {
    expect(htmlClassOf('dark')).toBe('dark');
    expect(htmlClassOf('system')).toBe('theme-system');
    expect(htmlClassOf('light')).toBeUndefined();
  });

  it('writes a long-lived, site-wide cookie, Secure over https', () => {
    expect(themeCookie('dark', false)).toBe('tapdeck-theme=dark; Path=/; Max-Age=31536000; SameSite=Lax');
    expect(themeCookie('light', true)).toMatch(/; Secure$/);
  });
});
