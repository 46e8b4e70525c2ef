import { isValidStackName } from '@/lib/rollout/status';
import { isValidExecutionName } from './arn';

/** URL segments of the execution and activity pages, decoded and checked: null when one cannot be a name. */
export async function routeNames<K extends string>(
  params: Promise<Record<K, string>>,
): Promise<{ name: string; execution?: string } | null> {
  try {
    const raw = (await params) as Record<string, string | undefined>;
    const name = decodeURIComponent(raw.name ?? '');
    if (!isValidStackName(name)) return null;
    if (raw.execution === undefined) return { name };
    const execution = decodeURIComponent(raw.execution);
    return isValidExecutionName(execution) ? { name, execution } : null;
  } catch {
    return null;
  }
}
