import { currentUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { AwsCallError } from './client-config';
import { describeAwsError, explainAwsError } from './explain-error';

export type Explained<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/**
 * Runs an AWS read for a page. An AWS failure comes back as a message the page can show (production builds
 * would otherwise replace it with a generic error); anything else is a bug and still throws to error.tsx.
 * The message is AWS's own only for those allowed `read-full-errors` (it names ARNs and accounts); others get
 * the code and a plain sentence. The server log always has the whole error.
 */
export async function readOrExplain<T>(read: () => Promise<T>, options: { fullErrors?: boolean } = {}): Promise<Explained<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    console.error(error);
    // Only on failure: the session read is cached per request, but a page that succeeds needs none of this.
    const fullErrors = options.fullErrors ?? (await mayReadFullErrors());
    return { ok: false, code: explainAwsError(error).code, message: describeAwsError(error, fullErrors) };
  }
}

async function mayReadFullErrors(): Promise<boolean> {
  const user = await currentUser();
  return user !== null && can(user.role, 'read-full-errors');
}
