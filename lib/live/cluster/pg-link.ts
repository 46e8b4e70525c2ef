import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';

export type LinkState = 'connecting' | 'up' | 'down';

/** What instances say to each other on a topic's channel. */
export type Envelope =
  | { kind: 'message'; from: string; message: unknown }
  /** A follower that just joined asks the leader for what late subscribers need. */
  | { kind: 'hello'; from: string }
  | { kind: 'catch-up'; from: string; to: string; messages: unknown[] };

/**
 * One instance's line to the others: a single PostgreSQL connection for every topic's LISTEN, advisory lock and
 * NOTIFY (not one per topic: a thousand watched stacks must not cost a thousand connections).
 */
export interface ClusterLink {
  /** Tells this instance's envelopes apart from the others' (a session hears its own NOTIFYs too). */
  readonly instanceId: string;
  state(): LinkState;
  onStateChange(listener: (state: LinkState) => void): () => void;
  listen(channel: string, onEnvelope: (envelope: Envelope) => void): void;
  unlisten(channel: string): void;
  /** A session-level advisory lock: held until unlocked or until this connection drops (a crash, kill -9). */
  tryLock(key: string): Promise<boolean>;
  unlock(key: string): Promise<void>;
  /** Fire and forget, in order; dropped while the link is down (the topic polls on its own then). */
  send(channel: string, envelope: Envelope): void;
  /** Resolves once every notification received so far has reached its listener (large ones are read from a row). */
  drained(): Promise<void>;
  close(): Promise<void>;
}

export interface PgLinkOptions {
  url: string;
  /** First reconnect delay; doubles per failed attempt up to `maxBackoffMs`. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  connectTimeoutMs?: number;
  log?: (line: string) => void;
}

/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more; larger envelopes go through a row. */
export const NOTIFY_PAYLOAD_LIMIT = 7_900;
export const MESSAGES_TABLE = 'tapdeck_live_messages';
/** Followers read a row within milliseconds; two minutes leaves room for a stalled one. */
const PRUNE_OLDER_THAN = '2 minutes';
const PRUNE_EVERY_MS = 30_000;
/** Serialises CREATE TABLE IF NOT EXISTS across instances starting together (it is not race-free on its own). */
const SCHEMA_LOCK_KEY = '7346318251004190211';

export function createPgLink(options: PgLinkOptions): ClusterLink {
  const instanceId = randomUUID();
  const minBackoffMs = options.minBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const log = options.log ?? ((line: string) => console.warn(line));
  const channels = new Map<string, (envelope: Envelope) => void>();
  const stateListeners = new Set<(state: LinkState) => void>();
  let client: pg.Client | null = null;
  let state: LinkState = 'connecting';
  let closed = false;
  let failures = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let inbound: Promise<void> = Promise.resolve();
  let queue: Promise<unknown> = Promise.resolve();
  let prunedAt = 0;

  /**
   * Queries one at a time on the live connection, in the order asked: NOTIFYs keep their order, and pg@9 no
   * longer queues overlapping queries itself. Rejects when the link is down.
   */
  function run<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    const result = queue.then(() => {
      if (!client) throw new Error('not connected to PostgreSQL');
      return client.query<R>(text, values);
    });
    queue = result.catch(() => {});
    return result;
  }

  function setState(next: LinkState) {
    if (state === next) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  }

  async function connect() {
    const attempt = new pg.Client({
      connectionString: options.url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000,
      keepAlive: true,
      // Lets an operator (and the tests) see in pg_stat_activity which instance holds which topic's lock.
      application_name: `tapdeck-live ${hostname()} pid ${process.pid}`.slice(0, 63),
    });
    let dead = false;
    const die = (error?: unknown) => {
      if (dead) return;
      dead = true;
      if (client === attempt) client = null;
      attempt.end().catch(() => {});
      lost(error);
    };
    // Without an 'error' listener a dropped connection would crash the process.
    attempt.on('error', die);
    attempt.on('end', () => die(new Error('the connection ended')));
    attempt.on('notification', ({ channel, payload }) => receive(channel, payload ?? ''));
    try {
      await attempt.connect();
      await attempt.query(
        `SELECT pg_advisory_xact_lock(${SCHEMA_LOCK_KEY}); CREATE TABLE IF NOT EXISTS ${MESSAGES_TABLE} (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
      );
      for (const channel of channels.keys()) await attempt.query(`LISTEN ${channel}`);
    } catch (error) {
      die(error);
      return;
    }
    if (closed || dead) {
      die();
      return;
    }
    client = attempt;
    if (failures > 0) log('tapdeck: PostgreSQL is reachable again; live pollers are shared across instances again');
    failures = 0;
    setState('up');
  }

  function lost(error: unknown) {
    if (closed) return;
    if (state !== 'down') {
      const reason = error instanceof Error ? error.message : String(error ?? 'unknown');
      log(`tapdeck: PostgreSQL is unreachable (${reason}); this instance polls AWS on its own until it is back`);
    }
    failures += 1;
    setState('down');
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(() => void connect(), Math.min(minBackoffMs * 2 ** (failures - 1), maxBackoffMs));
  }

  /** In arrival order, even when a large envelope must first be read from its row. */
  function receive(channel: string, payload: string) {
    inbound = inbound
      .then(async () => {
        let text = payload;
        const pointer = JSON.parse(payload) as { row?: string };
        if (pointer.row !== undefined) {
          const result = await run<{ body: string }>(`SELECT body FROM ${MESSAGES_TABLE} WHERE id = $1`, [pointer.row]);
          const body = result.rows[0]?.body;
          if (body === undefined) throw new Error(`live message row ${pointer.row} was pruned before it was read`);
          text = body;
        }
        channels.get(channel)?.(JSON.parse(text) as Envelope);
      })
      .catch((error: unknown) => {
        // A connection that dropped meanwhile is already logged; the topic polls alone or resyncs on reconnect.
        if (client && !closed) console.error('tapdeck: a live message from another instance was lost', error);
      });
  }

  function send(channel: string, envelope: Envelope) {
    if (!client) return;
    const text = JSON.stringify(envelope);
    // Failures surface as the connection's 'error' (the topic then polls alone); nothing to do per message.
    const ignore = () => {};
    if (Buffer.byteLength(text) < NOTIFY_PAYLOAD_LIMIT) {
      run('SELECT pg_notify($1, $2)', [channel, text]).catch(ignore);
      return;
    }
    // One statement, so the pointer is queued behind earlier NOTIFYs and ahead of later ones: order holds.
    run(
      `WITH stored AS (INSERT INTO ${MESSAGES_TABLE} (body) VALUES ($2) RETURNING id)
         SELECT pg_notify($1, json_build_object('row', id::text)::text) FROM stored`,
      [channel, text],
    ).catch(ignore);
    if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = Date.now();
      run(`DELETE FROM ${MESSAGES_TABLE} WHERE created_at < now() - interval '${PRUNE_OLDER_THAN}'`).catch(ignore);
    }
  }

  void connect();

  return {
    instanceId,
    state: () => state,
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    listen(channel, onEnvelope) {
      // Channels are interpolated into LISTEN (it takes no parameters): only topicIds()'s plain identifiers.
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
      const isNew = !channels.has(channel);
      channels.set(channel, onEnvelope);
      if (isNew && client) run(`LISTEN ${channel}`).catch(() => {});
    },
    unlisten(channel) {
      if (channels.delete(channel) && client) run(`UNLISTEN ${channel}`).catch(() => {});
    },
    async tryLock(key) {
      const result = await run<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
      return result.rows[0]?.locked === true;
    },
    async unlock(key) {
      if (client) await run('SELECT pg_advisory_unlock($1::bigint)', [key]);
    },
    send,
    drained: () => inbound,
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}
