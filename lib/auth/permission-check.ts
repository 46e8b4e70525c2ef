import { can, type Permission, type User } from './roles';

export type PermissionCheck =
  | { ok: true; user: User }
  | { ok: false; status: 401 | 403; error: 'Unauthorized' | 'Forbidden'; message: string };

/**
 * Whether `user` may do what `permission` allows, and if not, the answer: 401 when anonymous, 403 when the role
 * lacks it. The guard's route check (guard.ts) and the live streams served beside Next (lib/live/stream-endpoints.ts)
 * both answer with this, so the two paths cannot drift apart.
 */
export function checkPermission(user: User | null, permission: Permission): PermissionCheck {
  if (!user) return { ok: false, status: 401, error: 'Unauthorized', message: 'Sign in to use tapdeck.' };
  if (!can(user.role, permission)) {
    return {
      ok: false,
      status: 403,
      error: 'Forbidden',
      message: `Your role (${user.role}) may not ${describePermission(permission)}.`,
    };
  }
  return { ok: true, user };
}

function describePermission(permission: Permission): string {
  const words: Record<Permission, string> = {
    read: 'read this',
    'start-dry-run': 'start dry runs',
    'request-promotion': 'request promotions',
    demote: 'demote stacks',
    'acknowledge-alarms': 'acknowledge or mute alarms',
    approve: 'approve or reject promotions',
    'read-full-errors': 'read full AWS errors',
  };
  return words[permission];
}
