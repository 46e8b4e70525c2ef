import { cookies } from 'next/headers';
import { parseTheme, THEME_COOKIE, type Theme } from '@/lib/theme';

/** The theme the browser chose (its cookie), for the root layout and the header's toggle. */
export async function readTheme(): Promise<Theme> {
  return parseTheme((await cookies()).get(THEME_COOKIE)?.value);
}
