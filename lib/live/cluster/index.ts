import { config } from '@/lib/config';
import type { SourceWrapper } from '../hub';
import { createClusteredSource, type Relay } from './clustered-source';
import { createPgLink, type ClusterLink } from './pg-link';

/** One link per process, on globalThis for the same reason as the hubs (stack-feed.ts). */
const globalKey = Symbol.for('tapdeck.clusterLink');
const holder = globalThis as { [globalKey]?: ClusterLink };

/**
 * The hub's source wrapper: with DATABASE_URL set, each topic is led by one instance across all of them (see
 * clustered-source.ts); unset, the hub runs the source itself exactly as on a single instance. Decided per topic
 * when it starts, not at import: `next build` imports the feeds without the runtime environment.
 */
export function shareAcrossInstances<M>(createRelay: () => Relay<M>): SourceWrapper<M> {
  return (key, create) => {
    const url = config.databaseUrl;
    if (!url) return create([]);
    const link = (holder[globalKey] ??= createPgLink({ url }));
    return createClusteredSource(key, create, link, createRelay());
  };
}
