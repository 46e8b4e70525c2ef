import { notFound } from 'next/navigation';
import { currentUser } from '@/lib/auth/guard';
import { decodeSegment, readAlarm } from '@/lib/reads/alarms';
import { isValidStackName } from '@/lib/rollout/status';

/**
 * Whether the alarm is one of the stack's, decided before the page's loading state streams, so an unknown alarm
 * answers 404. One read of the stack's alarms (the shared poller's cache when someone watches), which the page
 * reuses; the chart and the history stay behind loading.tsx. An AWS failure is left to the page to explain.
 */
export default async function AlarmLayout({
  params,
  children,
}: {
  params: Promise<{ name: string; alarm: string }>;
  children: React.ReactNode;
}) {
  const raw = await params;
  const name = decodeSegment(raw.name);
  const alarmName = decodeSegment(raw.alarm);
  if (!name || !isValidStackName(name) || !alarmName || alarmName.length > 255) notFound();
  if (!(await currentUser())) return children;
  if ((await readAlarm(name, alarmName).catch(() => undefined)) === null) notFound();
  return children;
}
