import { usePostgres } from './postgres.js';
import { openDb } from '../../src/store/db.js';
import { migrations } from '../../src/store/migrations.js';
import { createPgSql } from '../../src/store/postgres/pg-sql.js';
import type { Sql } from '../../src/store/sql.js';
import { createSqliteSql } from '../../src/store/sqlite-sql.js';
import { createStore, serviceDbFile, type Store } from '../../src/store/store.js';

/** A store over a fresh in-memory SQLite database, for tests of one repository or consumer. */
export function openMemoryStore(): Promise<Store> {
  return createStore(createSqliteSql(openDb(':memory:', migrations)));
}

/** The store back-ends the repository tests run against. */
export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

export interface BackendSettings {
  /** The settings choosing a new, empty database on this back-end (merge with DATA_DIR). */
  fresh(): Promise<{ DATABASE_URL?: string }>;
}

/**
 * Settings for new databases of one back-end: SQLite's file in each test's data folder, or a
 * PostgreSQL server this describe block starts (and stops), one database per `fresh()`.
 */
export function useBackend(backend: Backend): BackendSettings {
  if (backend === 'sqlite') return { fresh: async () => ({}) };
  const db = usePostgres();
  return { fresh: async () => ({ DATABASE_URL: await db.server.createDatabase() }) };
}

/**
 * A connection of the test's own to a store's database (SQLite's file or PostgreSQL's), to look
 * at rows as they are stored; close it after.
 */
export function openRawSql(settings: { DATA_DIR: string; DATABASE_URL?: string }): Sql {
  return settings.DATABASE_URL
    ? createPgSql({ url: settings.DATABASE_URL, poolMax: 1 })
    : createSqliteSql(openDb(serviceDbFile(settings), migrations));
}

/** Every row of every table, as one JSON text (to show what is, or is not, stored anywhere). */
export async function everythingStored(sql: Sql): Promise<string> {
  const tables = await sql.all<{ name: string }>(
    sql.dialect === 'sqlite'
      ? "SELECT name FROM sqlite_master WHERE type = 'table'"
      : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
  );
  const rows = await Promise.all(tables.map(({ name }) => sql.all(`SELECT * FROM "${name}"`)));
  return JSON.stringify(rows);
}
