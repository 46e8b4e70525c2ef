import { bodies, json, parsePromotionId, readBody, withUser } from '@/lib/promotion/http';
import { getPromotionRuntime } from '@/lib/promotion/runtime';

type Ctx = { params: Promise<{ id: string }> };

/** Withdraws a request awaiting approval (or approved but not executed): the requester or an admin. */
export async function POST(request: Request, ctx: Ctx) {
  return withUser(request, 'request-promotion', async (user) => {
    const id = parsePromotionId((await ctx.params).id);
    if (!id.ok) return id.response;
    const body = await readBody(request, bodies.optionalComment);
    if (!body.ok) return body.response;
    return json(await getPromotionRuntime().service.cancel(user, id.value, body.value.comment));
  });
}
