import type { MetadataRoute } from 'next';

/** Lets phones add tapdeck to the home screen; the icons come from scripts/render-icons.ts. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'tapdeck',
    short_name: 'tapdeck',
    description: 'Roll out the TapStack and watch its alarms.',
    start_url: '/',
    display: 'standalone',
    background_color: '#f8fafc',
    theme_color: '#0f172a',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
