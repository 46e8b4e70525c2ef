import { guardRoute, problem } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { config } from '@/lib/config';
import { createSseStream } from '@/lib/live/sse-stream';
import { subscribeToStackPage } from '@/lib/live/stack-feed';
import { redactLiveMessage } from '@/lib/live/stack-messages';
import { streamRegistry } from '@/lib/live/stream-limits';
import { isValidStackName } from '@/lib/rollout/status';

// A stream is per request by nature; never prerender or cache it.
export const dynamic = 'force-dynamic';

/**
 * Server-Sent Events for one stack page: the stack's snapshot and deltas, its alarms and executions, from shared
 * pollers. Signed-in users only, a bounded number of streams each (429 beyond, before any poller starts), and
 * AWS's full error texts only for those allowed to read them.
 */
export async function GET(request: Request, ctx: { params: Promise<{ name: string }> }) {
  const guard = await guardRoute(request, 'read');
  if (!guard.ok) return guard.response;
  const { user } = guard;

  const { name } = await ctx.params;
  if (!isValidStackName(name)) {
    return problem(
      400,
      'InvalidStackName',
      `"${name}" is not a CloudFormation stack name (letters, digits and hyphens, starting with a letter).`,
    );
  }

  const admission = streamRegistry().admit(user.id, name, config.streams);
  if (!admission.ok) {
    return Response.json(
      { error: 'TooManyStreams', message: admission.message },
      { status: 429, headers: { 'Retry-After': String(admission.retryAfterSeconds), 'Cache-Control': 'no-store' } },
    );
  }

  const fullErrors = can(user.role, 'read-full-errors');
  const stream = createSseStream({
    subscribe: (send) =>
      subscribeToStackPage(name, (message) => send(message.type, fullErrors ? message : redactLiveMessage(message))),
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
