/**
 * CloudWatch Logs filter patterns (metric filters, FilterLogEvents, TestMetricFilter): parse once with
 * `compileFilterPattern`, then `test` each message. Pure: no I/O, no clock.
 */
import { PatternError, type FilterPattern } from './ast';
import { matchFilterPattern, type MatchOutcome } from './matcher';
import { parseFilterPattern } from './parser';

export { PatternError } from './ast';
export type { FilterPattern } from './ast';
export type { MatchOutcome } from './matcher';

export interface CompiledPattern {
  source: string;
  ast: FilterPattern;
  /** the outcome when the message matches, undefined when it does not */
  test(message: string): MatchOutcome | undefined;
}

/** Throws PatternError for a pattern CloudWatch Logs would refuse. */
export function compileFilterPattern(source: string): CompiledPattern {
  const ast = parseFilterPattern(source);
  return { source, ast, test: (message) => matchFilterPattern(ast, message) };
}

/** Like compileFilterPattern, but undefined for an invalid pattern. */
export function tryCompileFilterPattern(source: string): CompiledPattern | undefined {
  try {
    return compileFilterPattern(source);
  } catch (error) {
    if (error instanceof PatternError) return undefined;
    throw error;
  }
}
