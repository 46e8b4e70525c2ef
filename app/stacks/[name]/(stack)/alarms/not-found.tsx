import Link from '@/components/link';

export default function AlarmNotFound() {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">No such alarm</h1>
      <p className="mt-2 text-sm text-slate-600">
        This stack has no alarm by that name: its alarms are its own CloudWatch alarm resources and the alarms on its
        workflow&apos;s metrics.
      </p>
      <Link href="." className="mt-4 inline-block text-sm font-medium text-sky-700 hover:underline">
        Back to the alarms
      </Link>
    </div>
  );
}
