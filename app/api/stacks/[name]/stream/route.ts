import { subscribeToStackPage } from '@/lib/live/stack-feed';
import { isValidStackName } from '@/lib/rollout/status';

// A stream is per request by nature; never prerender or cache it.
export const dynamic = 'force-dynamic';

const HEARTBEAT_MS = 15_000;

/** Server-Sent Events for one stack page: the stack's snapshot and deltas, and its alarms, from shared pollers. */
export async function GET(request: Request, ctx: { params: Promise<{ name: string }> }) {
  const { name } = await ctx.params;
  if (!isValidStackName(name)) {
    return Response.json(
      { error: 'InvalidStackName', message: `"${name}" is not a CloudFormation stack name (letters, digits and hyphens, starting with a letter).` },
      { status: 400 },
    );
  }

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup(); // the client went away between the check and the write
        }
      };
      send('retry: 3000\n\n');
      const unsubscribe = subscribeToStackPage(name, (message) => send(`event: ${message.type}\ndata: ${JSON.stringify(message)}\n\n`));
      // Comments keep proxies and load balancers from closing an idle stream.
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        cleanup = () => {};
      };
      request.signal.addEventListener('abort', () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    },
  });
}
