/**
 * Times render in UTC on purpose: the server and every viewer agree on the text (no hydration mismatch), and
 * CloudFormation's own timestamps are UTC.
 */
export function TimeText({ iso, withDate = false }: { iso: string; withDate?: boolean }) {
  const text = withDate ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso.slice(11, 19);
  return (
    <time dateTime={iso} title={iso} className="tabular-nums">
      {text}
    </time>
  );
}
