'use client';

import { useState } from 'react';
import { htmlClassOf, themeCookie, THEMES, type Theme } from '@/lib/theme';

const LABELS: Record<Theme, { text: string; icon: string }> = {
  light: { text: 'Light', icon: '☀' },
  dark: { text: 'Dark', icon: '☾' },
  system: { text: 'System', icon: '◐' },
};

/**
 * Light, dark or the system's choice. Writes the cookie the server reads on the next render and switches the
 * <html> class right away, so the change shows without a reload and survives one.
 */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);

  function choose(next: Theme) {
    setTheme(next);
    applyTheme(next);
  }

  return (
    <div role="group" aria-label="Theme" className="inline-flex rounded-md bg-slate-100 p-0.5 ring-1 ring-slate-200 ring-inset">
      {THEMES.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={theme === option}
          title={`${LABELS[option].text} theme`}
          onClick={() => choose(option)}
          className={`rounded px-1.5 py-0.5 text-xs leading-5 focus-visible:outline-2 focus-visible:outline-sky-600 ${
            theme === option ? 'bg-white font-medium text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'
          }`}
        >
          <span aria-hidden>{LABELS[option].icon}</span>
          <span className="sr-only sm:not-sr-only sm:ml-1">{LABELS[option].text}</span>
        </button>
      ))}
    </div>
  );
}

/** The cookie for the server's next render, and the <html> class for this one. */
function applyTheme(theme: Theme) {
  document.cookie = themeCookie(theme, window.location.protocol === 'https:');
  const html = document.documentElement;
  html.classList.remove('dark', 'theme-system');
  const cls = htmlClassOf(theme);
  if (cls) html.classList.add(cls);
}
