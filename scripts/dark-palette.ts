/**
 * Writes the dark theme's palette into app/globals.css (between the dark-palette markers): every colour the
 * app's utilities use, remapped from Tailwind's own values, so components never need `dark:` variants.
 * Run `npx tsx scripts/dark-palette.ts` after upgrading Tailwind or adding a hue, and commit the result.
 *
 * Slate inverts (page background 50 → 950, cards white → 900, text 900 → 50); each tint hue mirrors its scale
 * (text 700 → 300, rings 200 → 800) with the lightest backgrounds mixed into the card colour so a red-50
 * panel reads as a dark red tint, not a saturated block.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const theme = readFileSync(path.join(root, 'node_modules/tailwindcss/theme.css'), 'utf8');
const value = (name: string): string => {
  const match = new RegExp(`--color-${name}:\\s*([^;]+);`).exec(theme);
  if (!match) throw new Error(`Tailwind has no --color-${name}`);
  return match[1]!.trim();
};

const SHADES = [50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 950] as const;
const HUES = [
  'red',
  'orange',
  'amber',
  'yellow',
  'lime',
  'green',
  'emerald',
  'teal',
  'cyan',
  'sky',
  'blue',
  'indigo',
  'violet',
  'purple',
  'fuchsia',
  'pink',
  'rose',
];
const card = value('slate-900');

const lines: string[] = [];
const slate: Record<string, string> = {
  white: 'slate-900',
  'slate-50': 'slate-950',
  'slate-100': 'slate-800',
  'slate-300': 'slate-600',
  'slate-400': 'slate-500',
  'slate-500': 'slate-400',
  'slate-600': 'slate-300',
  'slate-700': 'slate-200',
  'slate-800': 'slate-100',
  'slate-900': 'slate-50',
};
for (const [name, to] of Object.entries(slate)) lines.push(`--color-${name}: ${value(to)};`);
// Borders between the card (900) and the divider-ish 800: 700 alone is too loud on a dark card.
lines.push(`--color-slate-200: color-mix(in oklab, ${value('slate-700')} 70%, ${value('slate-800')});`);
lines.push(`--color-slate-950: ${value('white')};`);

for (const hue of HUES) {
  for (const shade of SHADES) {
    const mirror = `${hue}-${1000 - shade}`;
    const mapped =
      shade === 50
        ? `color-mix(in oklab, ${value(mirror)} 45%, ${card})`
        : shade === 100
          ? `color-mix(in oklab, ${value(mirror)} 60%, ${card})`
          : value(mirror);
    lines.push(`--color-${hue}-${shade}: ${mapped};`);
  }
}

const file = path.join(root, 'app/globals.css');
const css = readFileSync(file, 'utf8');
const start = '/* dark-palette:start (scripts/dark-palette.ts writes this block) */';
const end = '/* dark-palette:end */';
const [before, rest] = css.split(start);
if (rest === undefined || !rest.includes(end)) throw new Error('app/globals.css lacks the dark-palette markers');
const after = rest.slice(rest.indexOf(end));
writeFileSync(file, `${before}${start}\n${lines.map((line) => `      ${line}`).join('\n')}\n      ${after}`);
console.log(`dark palette: ${lines.length} colours`);
