import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { requireUser } from '@/lib/auth/guard';
import type { User } from '@/lib/auth/roles';
import { isValidStackName } from '@/lib/rollout/status';

/** What every stack page receives from `app/stacks/[name]/…`. */
export type StackParams = Promise<{ name: string }>;

/** The stack name from the URL, or null when it cannot be one (bad escapes included). */
export async function stackNameFrom(params: StackParams): Promise<string | null> {
  try {
    const name = decodeURIComponent((await params).name);
    return isValidStackName(name) ? name : null;
  } catch {
    return null;
  }
}

/** The path of a stack's section, e.g. stackPath('TapStack-dev', 'events') → /stacks/TapStack-dev/events. */
export function stackPath(name: string, section = ''): string {
  return `/stacks/${encodeURIComponent(name)}${section ? `/${section}` : ''}`;
}

/**
 * The start of every stack section page: a dynamic render, the stack name (or the not-found page for a name
 * CloudFormation could never accept) and the signed-in user (or sign-in, coming back to this section).
 */
export async function openStackSection(params: StackParams, section = ''): Promise<{ name: string; user: User }> {
  await connection();
  const name = await stackNameFrom(params);
  if (!name) notFound();
  const user = await requireUser(stackPath(name, section));
  return { name, user };
}
