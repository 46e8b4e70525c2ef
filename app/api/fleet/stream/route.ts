import { guardRoute } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { config } from '@/lib/config';
import type { FleetMessage } from '@/lib/fleet/types';
import { subscribeToFleet } from '@/lib/live/fleet-feed';
import { createSseStream } from '@/lib/live/sse-stream';
import { streamRegistry } from '@/lib/live/stream-limits';

// A stream is per request by nature; never prerender or cache it.
export const dynamic = 'force-dynamic';

/** The fleet counts as one "stack" in the per-user limits; no stack name can contain `*`. */
const FLEET_SLOT = '*fleet';

/**
 * Server-Sent Events for the fleet overview, from the one shared fleet poller: however many tabs are open, AWS
 * sees one DescribeStacks per poll. Signed-in users only, limited like the stack streams (429 beyond), and
 * AWS's full error texts only for those allowed to read them.
 */
export async function GET(request: Request) {
  const guard = await guardRoute(request, 'read');
  if (!guard.ok) return guard.response;
  const { user } = guard;

  const admission = streamRegistry().admit(user.id, FLEET_SLOT, config.streams);
  if (!admission.ok) {
    return Response.json(
      { error: 'TooManyStreams', message: admission.message },
      { status: 429, headers: { 'Retry-After': String(admission.retryAfterSeconds), 'Cache-Control': 'no-store' } },
    );
  }

  const fullErrors = can(user.role, 'read-full-errors');
  const stream = createSseStream({
    subscribe: (send) => subscribeToFleet((message) => send(message.type, fullErrors ? message : redactFleetMessage(message))),
    signal: request.signal,
    onClose: admission.release,
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

function redactFleetMessage(message: FleetMessage): FleetMessage {
  if (message.type !== 'fleet-stale' || message.error.detail === undefined) return message;
  const { code, sentence } = message.error;
  return { ...message, error: { code, sentence } };
}
