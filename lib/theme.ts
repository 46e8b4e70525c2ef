/**
 * The colour theme: a cookie the browser sets and the server reads, so the root layout renders <html> with
 * the right class and nothing flashes (no inline script: the CSP allows nonce'd scripts only). `system`
 * follows prefers-color-scheme in CSS (app/globals.css).
 */
export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = 'tapdeck-theme';
/** A year: the choice is a preference, not a session. */
export const THEME_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export function parseTheme(value: string | undefined): Theme {
  return THEMES.includes(value as Theme) ? (value as Theme) : 'system';
}

/** The class <html> carries for a theme (globals.css keys the dark palette on these). */
export function htmlClassOf(theme: Theme): string | undefined {
  return theme === 'dark' ? 'dark' : theme === 'system' ? 'theme-system' : undefined;
}

/** The Set-Cookie value the toggle writes (document.cookie syntax). */
export function themeCookie(theme: Theme, secure: boolean): string {
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${THEME_COOKIE_MAX_AGE}; SameSite=Lax${secure ? '; Secure' : ''}`;
}
