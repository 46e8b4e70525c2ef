import { z } from 'zod';
import { parseFleetTag } from '@/lib/fleet/membership';

/**
 * The environment, read and validated once. Everything else imports `config` instead of reading
 * process.env, so a bad value fails at start-up with a message that names the variable (instrumentation.ts
 * imports this module when the server starts and stops it on a bad value).
 *
 * AWS credentials and region follow the SDK's standard chain (env keys, AWS_PROFILE / SSO, instance roles);
 * AWS_ENDPOINT_URL points every client at localaws or LocalStack instead of AWS.
 */
const ROLE_NAMES = ['viewer', 'operator', 'approver', 'admin'] as const;

const minutes = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const optionalText = z.string().trim().min(1).optional();

/** `login:role:password` entries, comma-separated: the local users `npm run local` turns on. */
const localUsers = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const users = [];
    for (const entry of text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)) {
      const [login, role, ...rest] = entry.split(':');
      const password = rest.join(':');
      if (!login || !/^[a-z][a-z0-9._-]{0,31}$/.test(login)) {
        ctx.addIssue({ code: 'custom', message: `"${login ?? ''}" is not a login (lowercase letters, digits, . _ -)` });
      } else if (!ROLE_NAMES.includes(role as (typeof ROLE_NAMES)[number])) {
        ctx.addIssue({ code: 'custom', message: `${login}: role must be one of ${ROLE_NAMES.join(', ')}` });
      } else if (password.length < 8) {
        ctx.addIssue({ code: 'custom', message: `${login}: password must be at least 8 characters` });
      } else {
        users.push({ login, role: role as (typeof ROLE_NAMES)[number], password });
      }
    }
    return users;
  });

/**
 * Who gets which role: `role=who,who;role=who` where `who` is an email, `github:<login>`, `group:<OIDC group>`
 * or `*` (everyone who signs in). The highest matching role wins; nobody matched gets no access.
 */
const roleMap = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const rules: Array<{ role: (typeof ROLE_NAMES)[number]; who: string }> = [];
    for (const clause of text
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)) {
      const [role, list = ''] = clause.split('=', 2);
      if (!ROLE_NAMES.includes(role?.trim() as (typeof ROLE_NAMES)[number])) {
        ctx.addIssue({ code: 'custom', message: `"${role}" is not a role (${ROLE_NAMES.join(', ')})` });
        continue;
      }
      for (const who of list
        .split(',')
        .map((part) => part.trim().toLowerCase())
        .filter(Boolean)) {
        if (!(who === '*' || /^(github|group):\S+$/.test(who) || /^[^@\s]+@[^@\s]+$/.test(who))) {
          ctx.addIssue({ code: 'custom', message: `"${who}" is not an email, github:<login>, group:<name> or *` });
        }
        rules.push({ role: role!.trim() as (typeof ROLE_NAMES)[number], who });
      }
    }
    return rules;
  });

const schema = z
  .object({
    AWS_REGION: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must look like us-east-1')
      .optional(),
    AWS_DEFAULT_REGION: z.string().optional(),
    AWS_ENDPOINT_URL: z.url('must be a URL such as http://127.0.0.1:4566').optional(),
    /** Poll interval while a stack operation is in progress. */
    TAPDECK_POLL_ACTIVE_MS: z.coerce.number().int().min(250).max(60_000).default(2_000),
    /** Poll interval while nothing is happening. */
    TAPDECK_POLL_IDLE_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
    /** Poll interval for a watched stack's alarms. */
    TAPDECK_POLL_ALARMS_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),

    /** Which stacks the home page shows as TapStack environments: a regular expression on the name… */
    TAPDECK_FLEET_NAME_PATTERN: z
      .string()
      .default('^TapStack')
      .transform((text, ctx) => {
        try {
          return new RegExp(text);
        } catch {
          ctx.addIssue({ code: 'custom', message: `"${text}" is not a regular expression` });
          return z.NEVER;
        }
      }),
    /** …or a tag, `key=value` (or `key` for any value); empty turns tag matching off. */
    TAPDECK_FLEET_TAG: z
      .string()
      .trim()
      .default('tapdeck:fleet=true')
      .transform((text, ctx) => {
        if (!text) return undefined;
        try {
          return parseFleetTag(text);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    /** How often the fleet overview re-reads every stack's status while nothing moves (one DescribeStacks). */
    TAPDECK_FLEET_POLL_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
    /** How often it re-reads each environment's alarms, last execution and CMK binding. */
    TAPDECK_FLEET_DETAILS_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),

    /** Signs session cookies (next-auth). Required: `npm run local` makes one and keeps it in .tapdeck/. */
    NEXTAUTH_SECRET: z
      .string({ error: 'is required: a random string of at least 32 characters (e.g. `openssl rand -base64 32`)' })
      .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)'),
    /** The dashboard's public URL, e.g. https://tapdeck.example.com (sign-in callbacks and cookie security). */
    NEXTAUTH_URL: z.url('must be the dashboard URL, e.g. http://localhost:3000').optional(),
    TAPDECK_LOCAL_USERS: localUsers.optional(),
    TAPDECK_OIDC_ISSUER: z.url('must be the OIDC issuer URL').optional(),
    TAPDECK_OIDC_CLIENT_ID: optionalText,
    TAPDECK_OIDC_CLIENT_SECRET: optionalText,
    /** The ID-token claim that lists the user's groups (for `group:` rules). */
    TAPDECK_OIDC_GROUPS_CLAIM: z.string().trim().min(1).default('groups'),
    TAPDECK_GITHUB_ID: optionalText,
    TAPDECK_GITHUB_SECRET: optionalText,
    TAPDECK_ROLES: roleMap.default([]),

    /** The SQLite database (approvals, audit log), used when DATABASE_URL is unset. */
    TAPDECK_DB_PATH: z.string().trim().min(1).default('.tapdeck/tapdeck.db'),

    /**
     * PostgreSQL for several instances (postgres://user:password@host:port/database): the store, and the
     * leadership and fan-out of live pollers across instances. Unset: SQLite at TAPDECK_DB_PATH, one instance.
     */
    DATABASE_URL: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined)
      .refine((value) => value === undefined || /^postgres(?:ql)?:\/\/[^\s]+$/.test(value), {
        message: 'must be a postgres:// or postgresql:// connection URL',
      }),

    /** Promotion preflight: how many of the latest dry runs must have succeeded, and how old the newest may be. */
    TAPDECK_PREFLIGHT_DRY_RUNS: z.coerce.number().int().min(1).max(20).default(3),
    TAPDECK_PREFLIGHT_MAX_AGE_MIN: minutes(1, 10_080, 60),
    /** How long an approval stays valid. */
    TAPDECK_APPROVAL_TTL_MIN: minutes(1, 10_080, 60),
    /** CloudFormation watches the TapStack's alarms this long after a promotion (rollback triggers, 0–180). */
    TAPDECK_ROLLBACK_MONITORING_MIN: minutes(0, 180, 5),

    /**
     * The shortest mute the API accepts, in seconds (1–3600, default 60). Only tests shorten it, to watch a mute
     * run out on the server's clock without waiting a minute.
     */
    TAPDECK_MUTE_MIN_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),

    /** Open live streams per user, and distinct stacks one user may watch at once (429 beyond). */
    TAPDECK_MAX_STREAMS_PER_USER: z.coerce.number().int().min(1).max(1_000).default(12),
    TAPDECK_MAX_STACKS_PER_USER: z.coerce.number().int().min(1).max(1_000).default(20),
  })
  .superRefine((env, ctx) => {
    const pairs: Array<[keyof typeof env, keyof typeof env]> = [
      ['TAPDECK_OIDC_CLIENT_ID', 'TAPDECK_OIDC_ISSUER'],
      ['TAPDECK_OIDC_CLIENT_SECRET', 'TAPDECK_OIDC_ISSUER'],
      ['TAPDECK_OIDC_ISSUER', 'TAPDECK_OIDC_CLIENT_ID'],
      ['TAPDECK_OIDC_ISSUER', 'TAPDECK_OIDC_CLIENT_SECRET'],
      ['TAPDECK_GITHUB_ID', 'TAPDECK_GITHUB_SECRET'],
      ['TAPDECK_GITHUB_SECRET', 'TAPDECK_GITHUB_ID'],
      // The identity provider sends people back to NEXTAUTH_URL; without it next-auth guesses http://localhost:3000.
      ['TAPDECK_OIDC_ISSUER', 'NEXTAUTH_URL'],
      ['TAPDECK_GITHUB_ID', 'NEXTAUTH_URL'],
    ];
    for (const [set, needs] of pairs) {
      if (env[set] !== undefined && env[needs] === undefined) {
        ctx.addIssue({ code: 'custom', path: [needs], message: `is required when ${set} is set` });
      }
    }
    if (!env.TAPDECK_LOCAL_USERS?.length && !env.TAPDECK_OIDC_ISSUER && !env.TAPDECK_GITHUB_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['TAPDECK_OIDC_ISSUER'],
        message:
          'no sign-in provider: set TAPDECK_OIDC_ISSUER (+ client id/secret), TAPDECK_GITHUB_ID/SECRET, or TAPDECK_LOCAL_USERS',
      });
    }
  });

function readConfig(source: Readonly<Record<string, string | undefined>> = process.env) {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(`tapdeck configuration is invalid:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    endpoint: env.AWS_ENDPOINT_URL,
    poll: { activeMs: env.TAPDECK_POLL_ACTIVE_MS, idleMs: env.TAPDECK_POLL_IDLE_MS, alarmsMs: env.TAPDECK_POLL_ALARMS_MS },
    fleet: {
      membership: {
        namePattern: env.TAPDECK_FLEET_NAME_PATTERN,
        ...(env.TAPDECK_FLEET_TAG ? { tag: env.TAPDECK_FLEET_TAG } : {}),
      },
      intervals: {
        activeMs: env.TAPDECK_POLL_ACTIVE_MS,
        idleMs: env.TAPDECK_FLEET_POLL_MS,
        detailsMs: env.TAPDECK_FLEET_DETAILS_MS,
      },
    },
    auth: {
      secret: env.NEXTAUTH_SECRET,
      url: env.NEXTAUTH_URL,
      localUsers: env.TAPDECK_LOCAL_USERS ?? [],
      oidc: env.TAPDECK_OIDC_ISSUER
        ? {
            issuer: env.TAPDECK_OIDC_ISSUER,
            clientId: env.TAPDECK_OIDC_CLIENT_ID!,
            clientSecret: env.TAPDECK_OIDC_CLIENT_SECRET!,
            groupsClaim: env.TAPDECK_OIDC_GROUPS_CLAIM,
          }
        : undefined,
      github: env.TAPDECK_GITHUB_ID ? { clientId: env.TAPDECK_GITHUB_ID, clientSecret: env.TAPDECK_GITHUB_SECRET! } : undefined,
      roleRules: env.TAPDECK_ROLES,
    },
    dbPath: env.TAPDECK_DB_PATH,
    databaseUrl: env.DATABASE_URL,
    promotion: {
      requiredDryRuns: env.TAPDECK_PREFLIGHT_DRY_RUNS,
      maxDryRunAgeMs: env.TAPDECK_PREFLIGHT_MAX_AGE_MIN * 60_000,
      approvalTtlMs: env.TAPDECK_APPROVAL_TTL_MIN * 60_000,
      monitoringMinutes: env.TAPDECK_ROLLBACK_MONITORING_MIN,
    },
    alarms: { minMuteMs: env.TAPDECK_MUTE_MIN_SECONDS * 1_000 },
    streams: { maxPerUser: env.TAPDECK_MAX_STREAMS_PER_USER, maxStacksPerUser: env.TAPDECK_MAX_STACKS_PER_USER },
  } as const;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Config = ReturnType<typeof readConfig>;
export { readConfig };

let cached: Config | undefined;

/** The configuration, validated on first use (instrumentation.ts makes that the server's start). */
export function getConfig(): Config {
  return (cached ??= readConfig());
}

/**
 * `config.x` everywhere, read lazily: `next build` imports modules without the runtime environment (the secret,
 * the providers), and pages are rendered per request, so nothing reads it before the server starts.
 */
export const config: Config = new Proxy({} as Config, { get: (_, key) => getConfig()[key as keyof Config] });

/** A short label for where tapdeck is pointed: shown in the header so nobody mistakes localaws for prod. */
export function describeTarget(cfg: Config = config): { label: string; local: boolean } {
  if (!cfg.endpoint) return { label: `AWS ${cfg.region}`, local: false };
  const url = new URL(cfg.endpoint);
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return { label: `${local ? 'local' : url.host} · ${cfg.region}`, local };
}
