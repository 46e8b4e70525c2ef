/** JSON text pretty-printed (as it came when it does not parse), scrollable, for inputs and outputs. */
export function JsonBlock({ text, label }: { text: string | undefined; label: string }) {
  if (text === undefined || text === '') return <p className="px-4 py-3 text-sm text-slate-500">No {label}.</p>;
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // shown as it came
  }
  return (
    <pre
      aria-label={label}
      className="max-h-96 overflow-auto bg-slate-50 px-4 py-3 font-mono text-xs leading-relaxed text-slate-800 whitespace-pre-wrap [overflow-wrap:anywhere]"
    >
      {pretty}
    </pre>
  );
}
