import { z } from 'zod';

/**
 * The environment, read and validated once. Everything else imports `config` instead of reading
 * process.env, so a bad value fails at start-up with a message that names the variable.
 *
 * AWS credentials and region follow the SDK's standard chain (env keys, AWS_PROFILE / SSO, instance roles);
 * AWS_ENDPOINT_URL points every client at localaws or LocalStack instead of AWS.
 */
const schema = z.object({
  AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must look like us-east-1').optional(),
  AWS_DEFAULT_REGION: z.string().optional(),
  AWS_ENDPOINT_URL: z.url('must be a URL such as http://127.0.0.1:4566').optional(),
  /** Poll interval while a stack operation is in progress. */
  TAPDECK_POLL_ACTIVE_MS: z.coerce.number().int().min(250).max(60_000).default(2_000),
  /** Poll interval while nothing is happening. */
  TAPDECK_POLL_IDLE_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** Poll interval for a watched stack's alarms. */
  TAPDECK_POLL_ALARMS_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
});

function readConfig() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`tapdeck configuration is invalid:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    endpoint: env.AWS_ENDPOINT_URL,
    poll: { activeMs: env.TAPDECK_POLL_ACTIVE_MS, idleMs: env.TAPDECK_POLL_IDLE_MS, alarmsMs: env.TAPDECK_POLL_ALARMS_MS },
  } as const;
}

export type Config = ReturnType<typeof readConfig>;

export const config: Config = readConfig();

/** A short label for where tapdeck is pointed: shown in the header so nobody mistakes localaws for prod. */
export function describeTarget(cfg: Config = config): { label: string; local: boolean } {
  if (!cfg.endpoint) return { label: `AWS ${cfg.region}`, local: false };
  const url = new URL(cfg.endpoint);
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return { label: `${local ? 'local' : url.host} · ${cfg.region}`, local };
}
