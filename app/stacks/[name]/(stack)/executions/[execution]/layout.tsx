import { notFound } from 'next/navigation';
import { currentUser } from '@/lib/auth/guard';
import { routeNames } from '@/lib/executions/route-params';
import { executionExists } from '@/lib/reads/executions';

/**
 * Whether the execution exists, decided before the page's loading state streams (after that the status would be
 * 200 whatever the page finds): an unknown or malformed name answers 404. The history and graph, the slow part,
 * stay behind loading.tsx. An AWS failure is not an answer: the page explains it.
 */
export default async function ExecutionLayout({
  params,
  children,
}: {
  params: Promise<{ name: string; execution: string }>;
  children: React.ReactNode;
}) {
  const route = await routeNames(params);
  if (!route?.execution) notFound();
  if (!(await currentUser())) return children;
  if (!(await executionExists(route.name, route.execution).catch(() => true))) notFound();
  return children;
}
