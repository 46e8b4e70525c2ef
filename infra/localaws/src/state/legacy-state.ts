/**
 * Reads `DIR/state.v8`, the single file older localaws versions wrote (one v8 buffer per store, named by where
 * reflection found it), into today's store names, so an upgrade keeps its state. Each store is read on its own:
 * one that fails is skipped with a reason. Delete this file once no such state is around.
 */
import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';

/** Old names that are not `models.<service>.<store>` with today's store name. */
const RENAMED: Record<string, string> = {
  'models.s3.store': 's3.buckets',
  'models.sts.store': 'sts.sessions',
  'private:stacks+changeSets+exports': 'cloudformation.stacks',
};

export interface LegacyStores {
  stores: Map<string, Array<[string, unknown]>>;
  skipped: string[];
}

export function readLegacyState(file: string): LegacyStores {
  const snapshot = deserialize(readFileSync(file)) as
    | { format?: unknown; version?: unknown; stores?: Record<string, Uint8Array> }
    | undefined;
  if (
    snapshot?.format !== 'localaws-state' ||
    snapshot.version !== 1 ||
    typeof snapshot.stores !== 'object' ||
    snapshot.stores === null
  ) {
    throw new Error('not a localaws-state v1 file');
  }
  const result: LegacyStores = { stores: new Map(), skipped: [] };
  for (const [oldName, buffer] of Object.entries(snapshot.stores)) {
    const name = RENAMED[oldName] ?? oldName.replace(/^models\./, '');
    try {
      const entries = deserialize(buffer) as unknown;
      if (!Array.isArray(entries)) throw new Error('not a list of partitions');
      result.stores.set(name, entries as Array<[string, unknown]>);
    } catch (error) {
      result.skipped.push(`${oldName} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return result;
}
