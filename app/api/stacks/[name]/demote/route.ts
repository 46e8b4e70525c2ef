import { bodies, json, parseStackName, readBody, withUser } from '@/lib/promotion/http';
import { getPromotionRuntime } from '@/lib/promotion/runtime';

type Ctx = { params: Promise<{ name: string }> };

/** Returns an apply-mode stack to dry-run at once (no approval), recorded: 202 with the update's token. */
export async function POST(request: Request, ctx: Ctx) {
  return withUser(request, 'demote', async (user) => {
    const name = parseStackName((await ctx.params).name);
    if (!name.ok) return name.response;
    const body = await readBody(request, bodies.optionalComment);
    if (!body.ok) return body.response;
    return json(await getPromotionRuntime().service.demote(user, name.value, body.value.comment), 202);
  });
}
