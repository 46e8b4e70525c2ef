import Link from '@/components/link';

export default function ExecutionNotFound() {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">No such execution</h1>
      <p className="mt-2 text-sm text-slate-600">
        This stack&apos;s workflow has no execution by that name. Execution names use letters, digits, dots, hyphens and
        underscores.
      </p>
      <Link href=".." className="mt-4 inline-block text-sm font-medium text-sky-700 hover:underline">
        Back to the executions
      </Link>
    </div>
  );
}
