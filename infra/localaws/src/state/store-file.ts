/**
 * One store on disk: `<dataDir>/stores/<name>.v8` (and `<name>.v8.bak`, the copy before the last save). A file
 * is a header frame and the store's frames (frames.ts), each a 4-byte length and v8 bytes. Writes go to a temp
 * file, are fsynced, and replace the main file by rename after it has become the .bak; the caller fsyncs the
 * directory once per save.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import { joinFrames } from './frames';

const FORMAT = 'localaws-store';
const VERSION = 1;

interface Header {
  format: string;
  version: number;
  name: string;
  savedAt: Date;
  frames: number;
}

export function headerFrame(name: string, frames: number): Buffer {
  const header: Header = { format: FORMAT, version: VERSION, name, savedAt: new Date(), frames };
  return serialize(header);
}

/** Writes `frames` (header first) to `file` durably: temp → fsync → main becomes .bak → rename temp to main. */
export async function writeStoreFile(file: string, frames: Buffer[]): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    const buffers: Buffer[] = [];
    for (const frame of frames) {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(frame.length);
      buffers.push(length, frame);
    }
    // writev takes at most IOV_MAX (1024) buffers per call on Linux.
    for (let i = 0; i < buffers.length; i += 1000) await handle.writev(buffers.slice(i, i + 1000));
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (existsSync(file)) await rename(file, `${file}.bak`);
  await rename(temp, file);
}

/** Reads one store file back into its `[partitionKey, partition]` entries; throws on anything unexpected. */
export function readStoreFile(file: string, name: string): { entries: Array<[string, unknown]>; savedAt: Date } {
  const bytes = readFileSync(file);
  const frames: unknown[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    if (offset + 4 > bytes.length) throw new Error('truncated frame length');
    const length = bytes.readUInt32BE(offset);
    if (offset + 4 + length > bytes.length) throw new Error('truncated frame');
    frames.push(deserialize(bytes.subarray(offset + 4, offset + 4 + length)));
    offset += 4 + length;
  }
  const header = frames.shift() as Partial<Header> | undefined;
  if (header?.format !== FORMAT || header.version !== VERSION) throw new Error(`not a ${FORMAT} v${VERSION} file`);
  if (header.name !== name) throw new Error(`holds store "${String(header.name)}", not "${name}"`);
  if (header.frames !== frames.length) throw new Error(`has ${frames.length} of ${String(header.frames)} frames`);
  const partitions = joinFrames(frames);
  if (!(partitions instanceof Map)) throw new Error('is not a map of partitions');
  return {
    entries: [...(partitions as Map<string, unknown>).entries()],
    savedAt: header.savedAt instanceof Date ? header.savedAt : new Date(0),
  };
}

/** Moves a file that failed to load aside (`<file>.unreadable-<time>`), so the next save cannot overwrite it. */
export function moveAside(file: string): string {
  const aside = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  return aside;
}
