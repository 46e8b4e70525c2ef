/** No environments yet: how to deploy one, and how tapdeck recognises them. */
export function FleetEmpty({ membership }: { membership: { pattern: string; tag: string | null } }) {
  const code = 'rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800';
  return (
    <div className="px-4 py-12 text-center" data-testid="fleet-empty">
      <p className="font-medium text-slate-900">No TapStack environments yet</p>
      <p className="mx-auto mt-2 max-w-prose text-sm text-slate-600">
        Deploy one with <code className={code}>npm run cdk -- deploy TapStack-dev -c suffix=dev</code> and it appears here within
        seconds.
      </p>
      <p className="mx-auto mt-2 max-w-prose text-sm text-slate-600">
        tapdeck counts a stack as an environment when its name matches <code className={code}>{membership.pattern}</code>
        {membership.tag && (
          <>
            {' '}
            or it carries the tag <code className={code}>{membership.tag}</code>
          </>
        )}
        . Change that with <code className={code}>TAPDECK_FLEET_NAME_PATTERN</code> and{' '}
        <code className={code}>TAPDECK_FLEET_TAG</code>.
      </p>
    </div>
  );
}
