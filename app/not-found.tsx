import Link from '@/components/link';

export default function NotFound() {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        That page does not exist. Stack names use letters, digits and hyphens and start with a letter.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-sky-700 hover:underline">
        Back to stacks
      </Link>
    </div>
  );
}
