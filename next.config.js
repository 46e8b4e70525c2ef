// @ts-check

/**
 * Headers that are the same on every response, static assets included. proxy.ts adds what changes per request:
 * the Content-Security-Policy with its nonce (lib/security/csp.ts) and, over https, Strict-Transport-Security.
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // Old browsers' frame-ancestors 'none'.
  { key: 'X-Frame-Options', value: 'DENY' },
  // tapdeck needs none of these; a script that slipped in gets none either.
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  typescript: {
    // `npm test` type-checks the whole repo (app, lib, infra, e2e) with `tsc --noEmit`; doing it again inside
    // every `next build` would add that time to each `npm run local` and e2e run.
    ignoreBuildErrors: true,
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
