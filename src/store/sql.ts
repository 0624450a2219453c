/** What a statement's parameters may be: both back-ends bind these as they are. */
export type SqlValue = string | number | null | Buffer;

/** The SQL dialect under a repository, for the few statements the two write differently. */
export type Dialect = 'sqlite' | 'postgres';

/**
 * The one way repositories reach their database, SQLite's or PostgreSQL's: `?` placeholders,
 * rows as plain objects, every call a Promise. Repositories are written once over this, in SQL
 * that both dialects read (ON CONFLICT, RETURNING, window functions), so the two back-ends cannot
 * drift apart.
 */
export interface Sql {
  readonly dialect: Dialect;
  all<T>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(text: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; `changes` is how many rows it wrote. */
  run(text: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /**
   * Runs `work` in one transaction over the Sql it is given (commits when it resolves, rolls
   * back when it throws). Called on that Sql again, it joins the transaction already open.
   */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The column a table's rows were inserted in order by, where the table has no integer key. */
export const insertionOrder = (sql: Sql): string => (sql.dialect === 'sqlite' ? 'rowid' : 'seq');
