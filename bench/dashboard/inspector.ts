/**
 * The dashboard server's memory after a full GC, through the inspector it was started with (server.ts), so no
 * endpoint is needed: RSS from /proc/<pid>/status, the live JS heap from the inspector's Runtime.getHeapUsage.
 * Node 20 has WebSocket only behind --experimental-websocket, hence the short-lived child.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CHILD = `
const [list] = await (await fetch('http://127.0.0.1:' + process.argv[1] + '/json/list')).json();
const ws = new WebSocket(list.webSocketDebuggerUrl);
await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
let next = 0;
const pending = new Map();
ws.onmessage = (message) => { const reply = JSON.parse(message.data); pending.get(reply.id)?.(reply.result); };
const call = (method) => new Promise((resolve) => { const id = ++next; pending.set(id, resolve); ws.send(JSON.stringify({ id, method })); });
await call('HeapProfiler.collectGarbage');
await call('HeapProfiler.collectGarbage');
console.log(JSON.stringify(await call('Runtime.getHeapUsage')));
ws.close();
`;

export interface ServerMemory {
  rssKb: number;
  heapUsedKb: number;
}

export function serverMemory(pid: number, inspectPort: number): ServerMemory {
  const out = execFileSync(
    process.execPath,
    ['--experimental-websocket', '--input-type=module', '-e', CHILD, String(inspectPort)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const { usedSize } = JSON.parse(out.trim().split('\n').at(-1)!) as { usedSize: number };
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return { rssKb, heapUsedKb: Math.round(usedSize / 1024) };
}
