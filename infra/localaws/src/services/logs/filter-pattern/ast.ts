/** The parsed form of a CloudWatch Logs filter pattern: parsed once, matched against many events. */

export type Comparison = '=' | '!=' | '<' | '>' | '<=' | '>=';

/** A JSON selector such as `$.details.error` or `$.items[0].id`, kept with its source text for extracted values. */
export interface Selector {
  text: string;
  path: Array<string | number>;
}

export type Literal = { kind: 'string'; value: string } | { kind: 'number'; value: number };

export type JsonExpr =
  | { kind: 'and' | 'or'; left: JsonExpr; right: JsonExpr }
  | { kind: 'compare'; selector: Selector; op: Comparison; value: Literal }
  | { kind: 'check'; selector: Selector; test: 'null' | 'true' | 'false' | 'notExists' };

/** A condition inside a space-delimited pattern, e.g. `status = 4* || status = 5*`. */
export type SpaceExpr =
  | { kind: 'and' | 'or'; left: SpaceExpr; right: SpaceExpr }
  | { kind: 'compare'; field: string; op: Comparison; value: Literal };

export type SpaceField = { kind: 'ellipsis' } | { kind: 'field'; name: string; condition?: SpaceExpr };

export type Term = { kind: 'text'; text: string } | { kind: 'regex'; regex: RegExp };

export type FilterPattern =
  | { kind: 'all' }
  /** every `required` term, none of `excluded`, and at least one `anyOf` when there are some (`?a ?b`) */
  | { kind: 'terms'; required: Term[]; anyOf: Term[]; excluded: Term[] }
  | { kind: 'json'; expr: JsonExpr; selectors: Selector[] }
  | { kind: 'space'; fields: SpaceField[] };

/** Thrown for any pattern CloudWatch Logs would refuse ("Invalid metric filter pattern"). */
export class PatternError extends Error {}
