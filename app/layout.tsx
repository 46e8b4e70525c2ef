import type { Metadata } from 'next';
import { SiteHeader } from '@/components/site-header';
import { readTheme } from '@/lib/reads/theme';
import { htmlClassOf } from '@/lib/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'tapdeck', template: '%s · tapdeck' },
  description: 'Roll out the TapStack and watch its alarms.',
  // app/icon.svg is the favicon for browsers that take SVG; public/ holds the PNGs (scripts/render-icons.ts).
  icons: { apple: '/apple-touch-icon.png' },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The theme cookie decides the class on <html> before anything paints (see lib/theme.ts).
  const theme = await readTheme();
  return (
    <html lang="en" className={htmlClassOf(theme)}>
      <body className="min-h-screen">
        <SiteHeader />
        <main className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 lg:py-8">{children}</main>
      </body>
    </html>
  );
}
