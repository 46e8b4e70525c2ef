import { guardRoute, problem } from '@/lib/auth/guard';
import { can } from '@/lib/auth/roles';
import { config } from '@/lib/config';
import { subscribeToCmkChain } from '@/lib/live/cmk-feed';
import { redactCmkMessage } from '@/lib/live/cmk-messages';
import { createSseStream } from '@/lib/live/sse-stream';
import { streamRegistry } from '@/lib/live/stream-limits';
import { isValidStackName } from '@/lib/rollout/status';

export const dynamic = 'force-dynamic';

/**
 * Server-Sent Events for one stack's CMK chain (the CMK page and the overview's CMK card): one shared poller per
 * stack, under the same per-user stream limits as the stack stream.
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
      subscribeToCmkChain(name, (message) => send(message.type, fullErrors ? message : redactCmkMessage(message))),
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
