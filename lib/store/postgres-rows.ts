import pg from 'pg';

/**
 * How the PostgreSQL store reads and writes rows with the column lists of sqlite-rows.ts (the same fields, the
 * same NULL-for-absent rule), so both engines map a row to the same object:
 * - timestamptz is read as an ISO string with milliseconds (`2025-01-02T10:00:00.000Z`), what SQLite stores;
 * - jsonb is read as its text, which fromRow parses as it parses SQLite's JSON columns;
 * - bigint (identity ids, counts) is read as a number: ids stay far below 2^53.
 * These parsers belong to the store's pool only (pg's global parsers are left alone for other code).
 */
const TIMESTAMPTZ = 1184;
const JSONB = 3802;
const INT8 = 20;

const parseTimestamptz = pg.types.getTypeParser(TIMESTAMPTZ) as (text: string) => Date;

export const storeTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMPTZ) return (text: string) => parseTimestamptz(text).toISOString();
    if (oid === JSONB) return (text: string) => text;
    if (oid === INT8) return (text: string) => Number(text);
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

type Row = Record<string, unknown>;
export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * `INSERT INTO table (columns) VALUES ($1, …) RETURNING *` from a column list and toParams' values. Column names
 * come from the fixed lists, never from input; values are always bound.
 */
export function insertStatement(table: string, columns: Readonly<Record<string, string>>, params: Row): Statement {
  const entries = Object.entries(columns).filter(([field]) => field in params);
  return {
    text: `INSERT INTO ${table} (${entries.map(([, column]) => column).join(', ')})
           VALUES (${entries.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
    values: entries.map(([field]) => params[field]),
  };
}

/** `column = $n, …` for the fields of `params` that have a column, numbered from `first`. */
export function assignments(columns: Readonly<Record<string, string>>, params: Row, first: number): Statement {
  const entries = Object.entries(columns).filter(([field]) => field in params);
  return {
    text: entries.map(([, column], i) => `${column} = $${first + i}`).join(', '),
    values: entries.map(([field]) => params[field]),
  };
}
