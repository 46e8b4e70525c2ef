import { bodies, json, parsePromotionId, readBody, withUser } from '@/lib/promotion/http';
import { getPromotionRuntime } from '@/lib/promotion/runtime';

type Ctx = { params: Promise<{ id: string }> };

/**
 * Approves someone else's request and executes its change set at once. 403 SelfApproval for the requester; 409
 * when it is not awaiting approval, expired, void, or the preflight fails again.
 */
export async function POST(request: Request, ctx: Ctx) {
  return withUser(request, 'approve', async (user) => {
    const id = parsePromotionId((await ctx.params).id);
    if (!id.ok) return id.response;
    const body = await readBody(request, bodies.optionalComment);
    if (!body.ok) return body.response;
    return json(await getPromotionRuntime().service.approve(user, id.value, body.value.comment));
  });
}
