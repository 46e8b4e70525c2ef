/**
 * Retention caps a user may tighten (or widen) through the environment, read once at start: a small machine or a
 * soak that must reach its steady state quickly keeps less history. A value that is not a positive whole number
 * is ignored, with the default kept.
 */
export function countFromEnv(name: string, fallback: number, env: Record<string, string | undefined> = process.env): number {
  const value = Number(env[name]);
  return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}
