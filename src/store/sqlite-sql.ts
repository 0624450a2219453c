import type { Db } from './db.js';
import { preparedOnce } from './db.js';
import type { Sql, SqlValue } from './sql.js';

/**
 * Sql over a better-sqlite3 connection. Statements run synchronously (the Promise is already
 * settled); transactions are BEGIN IMMEDIATE ... COMMIT, one at a time (the connection is one):
 * a second waits for the first to end rather than nest into it.
 */
export function createSqliteSql(db: Db): Sql {
  const prepared = preparedOnce(db);
  let last: Promise<unknown> = Promise.resolve();

  const settle = <T>(use: () => T): Promise<T> => {
    try {
      return Promise.resolve(use());
    } catch (err) {
      return Promise.reject(err as Error);
    }
  };

  const statements: Omit<Sql, 'transaction'> = {
    dialect: 'sqlite',
    all: <T>(text: string, params: readonly SqlValue[] = []) =>
      settle(() => prepared(text).all(...params) as T[]),
    get: <T>(text: string, params: readonly SqlValue[] = []) =>
      settle(() => prepared(text).get(...params) as T | undefined),
    run: (text, params = []) => settle(() => ({ changes: prepared(text).run(...params).changes })),
    close: async () => {
      db.close();
    },
  };

  const inside: Sql = { ...statements, transaction: (work) => work(inside) };

  async function transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(inside);
      db.exec('COMMIT');
      return result;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  }

  return {
    ...statements,
    transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      const turn = last.then(() => transaction(work));
      last = turn.catch(() => undefined);
      return turn;
    },
  };
}
