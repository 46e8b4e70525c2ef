import { bodies, json, parsePromotionId, readBody, withUser } from '@/lib/promotion/http';
import { getPromotionRuntime } from '@/lib/promotion/runtime';

type Ctx = { params: Promise<{ id: string }> };

/** Executes an approved request again after AWS refused the first ExecuteChangeSet (not by the requester). */
export async function POST(request: Request, ctx: Ctx) {
  return withUser(request, 'approve', async (user) => {
    const id = parsePromotionId((await ctx.params).id);
    if (!id.ok) return id.response;
    const body = await readBody(request, bodies.empty);
    if (!body.ok) return body.response;
    return json(await getPromotionRuntime().service.execute(user, id.value));
  });
}
