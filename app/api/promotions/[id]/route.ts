import { problem } from '@/lib/auth/guard';
import { json, parsePromotionId, withUser } from '@/lib/promotion/http';
import { readPromotion } from '@/lib/reads/promotion';

type Ctx = { params: Promise<{ id: string }> };

/** One promotion request, brought up to date with the stack first (an update that ended is recorded). */
export async function GET(request: Request, ctx: Ctx) {
  return withUser(request, 'read', async () => {
    const id = parsePromotionId((await ctx.params).id);
    if (!id.ok) return id.response;
    const promotion = await readPromotion(id.value);
    return promotion ? json(promotion) : problem(404, 'PromotionNotFound', `There is no promotion request ${id.value}.`);
  });
}
