export function PageHeading({
  title,
  subtitle,
  eyebrow,
}: {
  title: React.ReactNode;
  subtitle?: React.ReactNode;
  eyebrow?: React.ReactNode;
}) {
  return (
    <div className="min-w-0">
      {eyebrow && <div className="mb-1 text-sm text-slate-500">{eyebrow}</div>}
      <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {subtitle && <p className="mt-1 text-sm text-slate-600">{subtitle}</p>}
    </div>
  );
}
