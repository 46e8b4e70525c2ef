import { bodies, json, parseStackName, readBody, withUser } from '@/lib/promotion/http';
import { getPromotionRuntime } from '@/lib/promotion/runtime';

type Ctx = { params: Promise<{ name: string }> };

/** Starts a dry-run execution of the stack's workflow (`{"dryRun":true}`): 201 `{ executionArn, name }`. */
export async function POST(request: Request, ctx: Ctx) {
  return withUser(request, 'start-dry-run', async (user) => {
    const name = parseStackName((await ctx.params).name);
    if (!name.ok) return name.response;
    const body = await readBody(request, bodies.empty);
    if (!body.ok) return body.response;
    return json(await getPromotionRuntime().service.startDryRun(user, name.value), 201);
  });
}
