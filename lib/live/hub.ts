/**
 * The hub fans one source of live data out to every subscriber of a topic. The first subscriber starts the
 * topic's source and the last one to leave stops it, so ten tabs on one stack cost AWS what one tab costs.
 */
export interface LiveSource<M> {
  start(publish: (message: M) => void): void;
  stop(): void;
  /** What a subscriber joining late needs to catch up (e.g. a snapshot), if the source has it yet. */
  catchUp(): M[];
}

type Listener<M> = (message: M) => void;

/**
 * Makes a topic's source. `seed` is what the caller already knows of the topic (its catch-up messages), so a
 * source can resume instead of starting over; empty on a single instance. Sources that publish whole values
 * (alarms, the fleet) may ignore it.
 */
export type CreateSource<M> = (seed: M[]) => LiveSource<M>;

/**
 * Wraps each topic's source, e.g. so one instance among several leads the topic (lib/live/cluster). Without it
 * the hub runs the source itself.
 */
export type SourceWrapper<M> = (key: string, create: CreateSource<M>) => LiveSource<M>;

interface Topic<M> {
  source: LiveSource<M>;
  listeners: Set<Listener<M>>;
}

export class Hub<M> {
  private readonly topics = new Map<string, Topic<M>>();

  constructor(private readonly wrap?: SourceWrapper<M>) {}

  subscribe(key: string, createSource: CreateSource<M>, listener: Listener<M>): () => void {
    let topic = this.topics.get(key);
    const isNew = !topic;
    if (!topic) {
      topic = { source: this.wrap ? this.wrap(key, createSource) : createSource([]), listeners: new Set() };
      this.topics.set(key, topic);
    }
    const current = topic;
    current.listeners.add(listener);
    if (isNew) {
      current.source.start((message) => {
        for (const each of [...current.listeners]) each(message);
      });
    } else {
      for (const message of current.source.catchUp()) listener(message);
    }

    return () => {
      if (!current.listeners.delete(listener) || current.listeners.size > 0) return;
      current.source.stop();
      if (this.topics.get(key) === current) this.topics.delete(key);
    };
  }

  /** The source behind a topic while someone watches it; lets a page render from the shared cache. */
  peek(key: string): LiveSource<M> | undefined {
    return this.topics.get(key)?.source;
  }

  subscriberCount(key: string): number {
    return this.topics.get(key)?.listeners.size ?? 0;
  }
}
