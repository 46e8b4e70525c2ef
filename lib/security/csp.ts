/**
 * The Content-Security-Policy proxy.ts puts on every page, API and RSC response. Next reads the nonce back from
 * the request's CSP header while rendering and puts it on its own scripts, so only scripts this server rendered
 * (and what they load, 'strict-dynamic') run; everything else stays on our own origin.
 */
export interface CspOptions {
  nonce: string;
  /** `next dev` needs eval for React's debugging aids; production never does. */
  dev: boolean;
  /** The request reached us over https (directly or through a TLS-terminating proxy). */
  https: boolean;
}

export function buildCsp({ nonce, dev, https }: CspOptions): string {
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Tailwind ships a stylesheet, but React and Next set style attributes (progress bars, route announcer).
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    // The live stream (EventSource) and next-auth's fetches are same-origin; dev's HMR socket is too.
    ['connect-src', "'self'"],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['object-src', "'none'"],
    // Over plain http (localhost) this would send subresources to an https port nothing listens on.
    ...(https ? [['upgrade-insecure-requests'] as [string]] : []),
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

/** 128 random bits, base64: unguessable and fresh for every response. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** HSTS for a year, only on https responses (browsers ignore it over http, and localhost must stay http). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/** Reached over https: directly, or through a TLS-terminating proxy that says so (its first X-Forwarded-Proto). */
export function reachedOverHttps(protocol: string, forwardedProto: string | null | undefined): boolean {
  return protocol === 'https:' || forwardedProto?.split(',')[0]?.trim() === 'https';
}
