import { problem } from '@/lib/auth/guard';
import { json, parseStackName, withUser } from '@/lib/promotion/http';
import { readPreflight } from '@/lib/reads/promotion';

type Ctx = { params: Promise<{ name: string }> };

/** The stack's promotion preflight: every item with what was seen. Read-only; computed at most every few seconds. */
export async function GET(request: Request, ctx: Ctx) {
  return withUser(request, 'read', async () => {
    const name = parseStackName((await ctx.params).name);
    if (!name.ok) return name.response;
    const preflight = await readPreflight(name.value);
    return preflight ? json(preflight) : problem(404, 'StackNotFound', `There is no stack ${name.value}.`);
  });
}
