/**
 * STS sessions: temporary credentials handed out by AssumeRole, so requests signed with them act in the
 * role's account. The router consults this table before treating a 12-digit key as an account.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal, SessionLookup } from '../../router';
import { RegionalStore, type StoreDeclaration } from '../../state/regional-store';
import { countFromEnv } from '../../state/retention-env';

export interface StsSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  account: string;
  principal: Principal;
  expiration: Date;
}

/** How long an expired session is remembered (for ExpiredToken), and how often the table is swept. */
const KEEP_EXPIRED_MS = 3_600_000;
const SWEEP_EVERY = 256;
/**
 * Sessions remembered at most (the oldest forgotten first; their keys then answer InvalidClientTokenId). AWS has no
 * such limit, but an SDK refreshes assumed-role credentials well before they expire, so only a client still using
 * credentials from this many AssumeRole calls ago notices.
 */
const SESSIONS_KEPT = countFromEnv('LOCALAWS_STS_SESSIONS_KEPT', 10_000);

const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** AWS-looking ids: a four-letter prefix (ASIA, AROA…) and 16 base32 characters. */
export function awsId(prefix: string, length = 16): string {
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) id += KEY_CHARS[byte % KEY_CHARS.length];
  return id;
}

export class StsModel implements SessionLookup {
  // One global partition; a RegionalStore so persisted sessions keep working after a restart.
  private readonly store = new RegionalStore(() => new Map<string, StsSession>());
  /** What persistence saves, as `sts.<name>`. */
  readonly stores = { sessions: this.store } satisfies StoreDeclaration;
  private get sessions(): Map<string, StsSession> {
    return this.store.get('global', 'global');
  }
  /** Replaceable so tests can move time past an expiration. */
  now: () => Date = () => new Date();
  private created = 0;

  createSession(account: string, principal: Principal, durationSeconds: number): StsSession {
    const session: StsSession = {
      accessKeyId: awsId('ASIA'),
      secretAccessKey: randomBytes(30).toString('base64').slice(0, 40),
      sessionToken: Buffer.from(`localaws:${randomUUID()}:${randomBytes(48).toString('hex')}`).toString('base64'),
      account,
      principal,
      expiration: new Date(this.now().getTime() + durationSeconds * 1000),
    };
    this.sessions.set(session.accessKeyId, session);
    if (++this.created % SWEEP_EVERY === 0) this.forgetLongExpired();
    // The oldest first (a Map keeps insertion order): a workflow assuming a role per task must not grow it forever.
    for (const key of this.sessions.keys()) {
      if (this.sessions.size <= SESSIONS_KEPT) break;
      this.sessions.delete(key);
    }
    return session;
  }

  /**
   * Drops sessions that expired more than an hour ago: a workflow assuming a role per task would otherwise grow
   * this table forever. Within the hour, their keys still get ExpiredToken, as AWS answers.
   */
  private forgetLongExpired(): void {
    const horizon = this.now().getTime() - KEEP_EXPIRED_MS;
    for (const [key, session] of this.sessions) if (session.expiration.getTime() < horizon) this.sessions.delete(key);
  }

  session(accessKeyId: string): StsSession | undefined {
    return this.sessions.get(accessKeyId);
  }

  lookup(accessKeyId: string): { account: string; principal: Principal; expired: boolean } | undefined {
    const session = this.sessions.get(accessKeyId);
    if (!session) return undefined;
    return {
      account: session.account,
      principal: session.principal,
      expired: session.expiration.getTime() <= this.now().getTime(),
    };
  }
}
