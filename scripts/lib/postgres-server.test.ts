import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgres } from './postgres-server';

describe('startPostgres', () => {
  it('runs a real server on a free port, with spare databases, and stops it cleanly', async () => {
    const server = await startPostgres();
    const client = new pg.Client(server.url);
    await client.connect();
    const { rows } = await client.query<{ version: string }>('SELECT version()');
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    await client.end();

    const other = new pg.Client(await server.createDatabase('spare_one'));
    await other.connect();
    await other.end();
    await expect(server.createDatabase('x; DROP')).rejects.toThrow(/plain database name/);

    await server.stop();
    await expect(new pg.Client(server.url).connect()).rejects.toThrow();
  });
});
