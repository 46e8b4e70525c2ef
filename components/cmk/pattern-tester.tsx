'use client';

import { useId, useState } from 'react';
import { linesOf, PATTERN_TEST_LIMITS } from '@/lib/cmk/pattern-limits';
import { Button } from '../button';

interface Match {
  lineNumber: number;
  message: string;
  extractedValues: Record<string, string>;
}

type Result =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'done'; lines: string[]; matches: Match[] }
  | { kind: 'error'; message: string };

/**
 * Tries a metric filter's pattern on sample lines through CloudWatch Logs TestMetricFilter (POST …/cmk/test-pattern),
 * and shows which lines match and what the pattern extracts. Pattern and lines are editable; nothing is saved.
 */
export function PatternTester({
  stackName,
  filterName,
  pattern,
  sampleLines,
}: {
  stackName: string;
  filterName: string;
  pattern: string;
  sampleLines: string[];
}) {
  const id = useId();
  const [filterPattern, setFilterPattern] = useState(pattern);
  const [text, setText] = useState(sampleLines.join('\n'));
  const [result, setResult] = useState<Result>({ kind: 'idle' });
  const lines = linesOf(text);
  const tooMany = lines.length > PATTERN_TEST_LIMITS.maxLines;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setResult({ kind: 'pending' });
    try {
      const res = await fetch(`/api/stacks/${encodeURIComponent(stackName)}/cmk/test-pattern`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ filterPattern, lines }),
      });
      const body = (await res.json().catch(() => ({}))) as { matches?: Match[]; message?: string };
      if (!res.ok || !body.matches)
        setResult({ kind: 'error', message: body.message ?? `The test failed (HTTP ${res.status}).` });
      else setResult({ kind: 'done', lines, matches: body.matches });
    } catch {
      setResult({ kind: 'error', message: 'Could not reach tapdeck. Check the connection and try again.' });
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3 px-4 py-4" data-testid="pattern-tester" data-filter={filterName}>
      <h3 className="text-sm font-semibold text-slate-900">{filterName}</h3>
      <div>
        <label htmlFor={`${id}-pattern`} className="text-xs font-medium text-slate-600">
          Filter pattern
        </label>
        <textarea
          id={`${id}-pattern`}
          value={filterPattern}
          onChange={(e) => setFilterPattern(e.target.value)}
          rows={3}
          spellCheck={false}
          maxLength={PATTERN_TEST_LIMITS.maxPatternBytes}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-xs text-slate-800 focus:border-sky-500 focus:outline-none focus:ring-1 focus:ring-sky-500"
        />
      </div>
      <div>
        <label htmlFor={`${id}-lines`} className="flex flex-wrap justify-between gap-2 text-xs font-medium text-slate-600">
          <span>Sample log lines, one per line</span>
          <span className={tooMany ? 'text-rose-700' : 'text-slate-500'}>
            {lines.length} of at most {PATTERN_TEST_LIMITS.maxLines}
          </span>
        </label>
        <textarea
          id={`${id}-lines`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={6}
          wrap="off"
          spellCheck={false}
          placeholder={'{"type":"TaskFailed","details":{"error":"S3.ThrottlingException"}}'}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-xs text-slate-800 focus:border-sky-500 focus:outline-none focus:ring-1 focus:ring-sky-500"
        />
        {sampleLines.length === 0 && text === '' && (
          <p className="mt-1 text-xs text-slate-500">The group has no events from the last hour: paste some lines to try.</p>
        )}
      </div>
      <div className="flex items-center gap-3">
        <Button
          type="submit"
          variant="primary"
          size="sm"
          pending={result.kind === 'pending'}
          disabled={lines.length === 0 || tooMany}
        >
          Test pattern
        </Button>
        {tooMany && <span className="text-xs text-rose-700">Remove lines: TestMetricFilter takes at most 50.</span>}
      </div>
      <TestResult result={result} />
    </form>
  );
}

function TestResult({ result }: { result: Result }) {
  if (result.kind === 'error')
    return (
      <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 [overflow-wrap:anywhere]">
        {result.message}
      </p>
    );
  if (result.kind !== 'done') return null;
  const byLine = new Map(result.matches.map((m) => [m.lineNumber, m]));
  return (
    <div data-testid="pattern-result" aria-live="polite">
      <p className="text-sm font-medium text-slate-800">
        {result.matches.length} of {result.lines.length} line{result.lines.length === 1 ? '' : 's'} match
      </p>
      <ol className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
        {result.lines.map((line, index) => {
          const match = byLine.get(index + 1);
          const values = Object.entries(match?.extractedValues ?? {});
          return (
            <li key={index} data-matched={Boolean(match)} className={`px-3 py-2 text-xs ${match ? 'bg-emerald-50/60' : ''}`}>
              <div className="flex gap-2">
                <span aria-hidden className={match ? 'text-emerald-700' : 'text-slate-400'}>
                  {match ? '✓' : '·'}
                </span>
                <span className="sr-only">{match ? 'Matches:' : 'No match:'}</span>
                <span className="font-mono text-slate-700 [overflow-wrap:anywhere]">{line}</span>
              </div>
              {values.length > 0 && (
                <dl className="ml-5 mt-1 flex flex-wrap gap-x-3 gap-y-0.5">
                  {values.map(([key, value]) => (
                    <div key={key} className="flex gap-1">
                      <dt className="font-mono text-slate-500">{key}</dt>
                      <dd className="font-mono font-medium text-slate-800">{value}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
