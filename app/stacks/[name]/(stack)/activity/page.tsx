import type { Metadata } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { ActivityFilters } from '@/components/activity/activity-filters';
import { ActivityTimeline } from '@/components/activity/activity-timeline';
import { AwsUnavailable } from '@/components/aws-unavailable';
import { Card } from '@/components/card';
import { PageHeading } from '@/components/page-heading';
import { parseCursor, parseKinds } from '@/lib/activity/merge';
import { requireUser } from '@/lib/auth/guard';
import { routeNames } from '@/lib/executions/route-params';
import { stackPath } from '@/lib/reads/stack-section';
import { readActivity } from '@/lib/reads/activity';

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const route = await routeNames(params);
  return { title: route ? `Activity · ${route.name}` : 'Not found' };
}

/** Everything that happened to the stack in one timeline: events, alarm changes, executions, promotions, notes. */
export default async function ActivityPage({ params, searchParams }: Props) {
  await connection();
  const route = await routeNames(params);
  if (!route) notFound();
  const { name } = route;
  const basePath = `${stackPath(name)}/activity`;
  await requireUser(basePath);
  const query = await searchParams;
  const { kinds, unknown } = parseKinds(query.kind);
  const before = parseCursor(query.before);
  const { page, warnings } = await readActivity(name, { kinds, before });
  if (!page && warnings.length === 0) notFound();
  const filterQuery = kinds.length ? `kind=${kinds.join(',')}` : '';

  return (
    <div className="space-y-6">
      <PageHeading
        eyebrow={
          <Link href={stackPath(name)} className="hover:text-slate-900 hover:underline">
            {name}
          </Link>
        }
        title="Activity"
        subtitle="Stack events, alarm changes, executions, promotions and alarm notes, newest first."
      />
      {!page ? (
        <AwsUnavailable message={warnings.join('\n')} />
      ) : (
        <Card
          title={
            <>
              Timeline <span className="ml-1 font-normal text-slate-500">{page.total}</span>
            </>
          }
        >
          <ActivityFilters basePath={basePath} selected={kinds} />
          {unknown.length > 0 && (
            <p className="border-t border-slate-100 px-4 py-2 text-xs text-amber-800">
              Ignored unknown kind{unknown.length > 1 ? 's' : ''}: {unknown.join(', ')}
            </p>
          )}
          {warnings.map((warning) => (
            <p
              key={warning}
              role="alert"
              className="border-t border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900 [overflow-wrap:anywhere]"
            >
              Not shown, could not be read — {warning}
            </p>
          ))}
          <div className="border-t border-slate-100">
            {page.items.length === 0 ? (
              <p className="px-4 py-8 text-center text-sm text-slate-500">
                {kinds.length ? 'Nothing of these kinds yet.' : 'Nothing has happened to this stack yet.'}
              </p>
            ) : (
              <ActivityTimeline items={page.items} />
            )}
          </div>
          {(before || page.nextCursor) && (
            <nav aria-label="Pages" className="flex justify-between border-t border-slate-100 px-4 py-3 text-sm">
              {before ? (
                <Link
                  href={filterQuery ? `${basePath}?${filterQuery}` : basePath}
                  className="font-medium text-sky-700 hover:underline"
                >
                  ← Newest
                </Link>
              ) : (
                <span />
              )}
              {page.nextCursor && (
                <Link
                  href={`${basePath}?${new URLSearchParams({ ...(kinds.length ? { kind: kinds.join(',') } : {}), before: page.nextCursor })}`}
                  className="font-medium text-sky-700 hover:underline"
                >
                  Older →
                </Link>
              )}
            </nav>
          )}
        </Card>
      )}
    </div>
  );
}
