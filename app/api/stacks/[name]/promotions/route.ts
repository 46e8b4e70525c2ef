import { bodies, json, parseStackName, readBody, withUser } from '@/lib/promotion/http';
import { getPromotionRuntime } from '@/lib/promotion/runtime';
import { listPromotions } from '@/lib/reads/promotion';

type Ctx = { params: Promise<{ name: string }> };

/** The stack's promotion requests, newest first. */
export async function GET(request: Request, ctx: Ctx) {
  return withUser(request, 'read', async () => {
    const name = parseStackName((await ctx.params).name);
    if (!name.ok) return name.response;
    return json(await listPromotions(name.value));
  });
}

/**
 * Requests a promotion (dry-run → apply): runs the preflight, creates the Mode-only change set and waits for it.
 * 201 with the request awaiting approval; 409 PreflightFailed (with the preflight) or PromotionOpen (with its
 * id); 502/503 when AWS refused (the request is left `failed`; ask again).
 */
export async function POST(request: Request, ctx: Ctx) {
  return withUser(request, 'request-promotion', async (user) => {
    const name = parseStackName((await ctx.params).name);
    if (!name.ok) return name.response;
    const body = await readBody(request, bodies.optionalComment);
    if (!body.ok) return body.response;
    return json(await getPromotionRuntime().service.request(user, name.value, body.value.comment), 201);
  });
}
