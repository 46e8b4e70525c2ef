import { bodies, json, parsePromotionId, readBody, withUser } from '@/lib/promotion/http';
import { getPromotionRuntime } from '@/lib/promotion/runtime';

type Ctx = { params: Promise<{ id: string }> };

/** Rejects someone else's request; a comment (1–2000 characters) says why. */
export async function POST(request: Request, ctx: Ctx) {
  return withUser(request, 'approve', async (user) => {
    const id = parsePromotionId((await ctx.params).id);
    if (!id.ok) return id.response;
    const body = await readBody(request, bodies.requiredComment);
    if (!body.ok) return body.response;
    return json(await getPromotionRuntime().service.reject(user, id.value, body.value.comment));
  });
}
