import type pg from 'pg';
import { asStoreError } from './pg-sql.js';
import type { PgMigration } from './pg-migrations.js';

/**
 * The advisory lock key under which migrations run (any fixed 64-bit number will do; this is
 * "factchk" in ASCII): nodes starting at once apply each migration once, one after the other.
 */
const MIGRATION_LOCK = 0x66616374636b;

/** Applies the migrations not yet applied, each in its own transaction, under the lock. */
export async function migratePg(pool: pg.Pool, migrations: readonly PgMigration[]): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw asStoreError(err);
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
      );
      const { rows } = await client.query<{ name: string }>('SELECT name FROM migrations');
      const applied = new Set(rows.map((r) => r.name));
      for (const migration of migrations) {
        if (applied.has(migration.name)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.up);
          await client.query('INSERT INTO migrations (name, applied_at) VALUES ($1, $2)', [
            migration.name,
            new Date().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (err) {
    throw asStoreError(err);
  } finally {
    client.release();
  }
}
