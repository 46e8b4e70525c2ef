// @ts-check

/**
 * Headers that are the same on every response. Plain JavaScript because next.config.js (plain JavaScript, loaded
 * by Next before any TypeScript) applies them to everything Next serves, static assets included; the live streams
 * served beside Next (lib/live/stream-endpoints.ts) send the same list. proxy.ts adds what changes per request.
 */
export const STATIC_SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // Old browsers' frame-ancestors 'none'.
  { key: 'X-Frame-Options', value: 'DENY' },
  // tapdeck needs none of these; a script that slipped in gets none either.
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
];
