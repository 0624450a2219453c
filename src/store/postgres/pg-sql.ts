import pg from 'pg';
import { AppError } from '../../errors.js';
import type { Sql, SqlValue } from '../sql.js';

/** `?` placeholders (the repositories' SQL) as PostgreSQL's `$1, $2, …`; quoted text is kept. */
export function numberPlaceholders(text: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

/** Socket errors under a lost or refused connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE']);

/**
 * Whether an error says the database cannot be reached (rather than that a statement is wrong):
 * socket errors, SQLSTATE class 08 (connection exception), 57P0x (server shutting down or
 * starting), 53300 (too many connections), and node-postgres's own connection messages.
 */
export function isUnavailable(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || /^(08|57P0)/.test(code) || code === '53300') return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|connection error/i.test(message)
  );
}

/** A lost database as the service's STORE_UNAVAILABLE (503); other errors pass unchanged. */
export function asStoreError(err: unknown): unknown {
  return isUnavailable(err) ? new AppError('STORE_UNAVAILABLE', undefined, { cause: err }) : err;
}

/** BIGINT (ms timestamps, identity ids, counts) as a JavaScript number, as SQLite gives it. */
const int8 = (value: string): number => Number(value);
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
      ? int8
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PgSqlOptions {
  url: string;
  poolMax: number;
  /** Told about errors of idle pooled connections (the pool replaces them). */
  onPoolError?: (err: Error) => void;
}

type Queryable = Pick<pg.Pool, 'query'>;

function statements(on: Queryable): Pick<Sql, 'all' | 'get' | 'run'> {
  const query = async <T>(text: string, params: readonly SqlValue[]) => {
    try {
      return await on.query<T & pg.QueryResultRow>(numberPlaceholders(text), [...params]);
    } catch (err) {
      throw asStoreError(err);
    }
  };
  return {
    all: async <T>(text: string, params: readonly SqlValue[] = []) =>
      (await query<T>(text, params)).rows as T[],
    get: async <T>(text: string, params: readonly SqlValue[] = []) =>
      (await query<T>(text, params)).rows[0] as T | undefined,
    run: async (text, params = []) => ({ changes: (await query(text, params)).rowCount ?? 0 }),
  };
}

/** Sql over a node-postgres pool; a transaction holds one pooled connection from BEGIN to COMMIT. */
export function createPgSql(options: PgSqlOptions): Sql & { pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    // A database that does not answer is a 503 within seconds, not a request hanging.
    connectionTimeoutMillis: 5000,
    types,
  });
  // Without a listener an idle connection's error (server restarted) would end the process.
  pool.on('error', (err) => options.onPoolError?.(err));

  async function transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw asStoreError(err);
    }
    const inside: Sql = {
      dialect: 'postgres',
      ...statements(client),
      transaction: (nested) => nested(inside),
      close: async () => undefined,
    };
    let broken: Error | undefined;
    try {
      await inside.run('BEGIN');
      const result = await work(inside);
      await inside.run('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackErr: Error) => {
        broken = rollbackErr;
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  return {
    dialect: 'postgres',
    pool,
    ...statements(pool),
    transaction,
    close: () => pool.end(),
  };
}
