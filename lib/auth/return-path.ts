const PROBE_ORIGIN = 'http://tapdeck.invalid';

/**
 * A return path (`callbackUrl`) that stays on this site, or `/`. `//evil.example`, `/\evil.example` and
 * `https://…` would turn sign-in into an open redirect, and browsers drop tabs and newlines from URLs
 * (`/\t/evil.example` is `//evil.example` to them), so the path is resolved as a browser would, must land on
 * our own origin, and is checked again after resolving.
 */
export function safeReturnPath(path: string | null | undefined): string {
  if (typeof path !== 'string' || hasUnsafeStart(path)) return '/';
  if (/[\u0000-\u001f\u007f]/.test(path)) return '/';
  let url: URL;
  try {
    url = new URL(path, PROBE_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== PROBE_ORIGIN) return '/';
  // Dot segments can collapse into a new leading `//` (`/..//evil.example` → `//evil.example`): check the result.
  const resolved = `${url.pathname}${url.search}${url.hash}`;
  return hasUnsafeStart(resolved) ? '/' : resolved;
}

function hasUnsafeStart(path: string): boolean {
  return !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\');
}
