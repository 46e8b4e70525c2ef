import { AwsCallError } from './client-config';

export type Explained<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Runs an AWS read for a page. An AWS failure comes back as a message the page can show (production builds
 * would otherwise replace it with a generic error); anything else is a bug and still throws to error.tsx.
 */
export async function readOrExplain<T>(read: () => Promise<T>): Promise<Explained<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    console.error(error);
    return { ok: false, message: error.message };
  }
}
