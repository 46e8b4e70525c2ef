/**
 * Renders app/icon.svg into the PNG icons browsers and phones ask for, with the system Chromium the browser
 * tests use: public/favicon.ico (16, 32 and 48 px PNGs in an ICO), apple-touch-icon.png (180 px, square: iOS
 * rounds the corners itself), icon-192.png and icon-512.png (app/manifest.ts), icon-maskable-512.png (full
 * bleed, the glyph inside the maskable safe zone). Run `npx tsx scripts/render-icons.ts` after changing the SVG
 * and commit the images.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../e2e/chromium';

const root = path.join(import.meta.dirname, '..');
const svg = readFileSync(path.join(root, 'app/icon.svg'), 'utf8');
const BACKGROUND = /<rect[^>]*fill="([^"]+)"/.exec(svg)?.[1] ?? '#0f172a';

/** `square`: no rounded corners or transparency; `scale`: the glyph's share of the canvas. */
async function render(page: import('@playwright/test').Page, size: number, opts: { square?: boolean; scale?: number } = {}) {
  const inner = Math.round(size * (opts.scale ?? 1));
  const body = opts.square ? svg.replace(/\srx="[^"]*"/, '') : svg;
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${
      opts.square ? BACKGROUND : 'transparent'
    }">${body.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</body></html>`,
  );
  return page.screenshot({ omitBackground: !opts.square, type: 'png' });
}

/** An ICO file holding PNG images (every browser since IE 11 reads PNG entries). */
function ico(images: Array<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

const browser = await chromium.launch({ executablePath: findChromium() });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const out = (name: string, data: Buffer) => {
    writeFileSync(path.join(root, 'public', name), data);
    console.log(`public/${name} ${data.length} bytes`);
  };
  const favicons = [];
  for (const size of [16, 32, 48]) favicons.push({ size, png: await render(page, size) });
  out('favicon.ico', ico(favicons));
  out('apple-touch-icon.png', await render(page, 180, { square: true }));
  out('icon-192.png', await render(page, 192));
  out('icon-512.png', await render(page, 512));
  out('icon-maskable-512.png', await render(page, 512, { square: true, scale: 0.8 }));
} finally {
  await browser.close();
}
