import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A PostgreSQL binary (initdb, pg_ctl): on the PATH, else Debian's /usr/lib/postgresql/<v>/bin. */
export function postgresBinary(name: string): string {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) {
    const file = path.join(root, v, 'bin', name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(
    `${name} is not installed: test/support/ensure-postgres.cjs installs Debian's postgresql`,
  );
}

/** A free loopback port (another process could take it before postgres does: rare enough). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user Debian's
 * package creates, over a folder that user owns.
 */
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const asServerUser = (file: string, args: string[]): [string, string[]] =>
  isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];

async function runAsServerUser(file: string, args: string[]): Promise<void> {
  const [command, argv] = asServerUser(file, args);
  await run(command, argv, { env: { ...process.env, LC_ALL: 'C' } });
}

export interface PostgresServer {
  port: number;
  /** Creates an empty database and returns its postgres:// URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of its own in a temporary folder, listening on a free loopback port only
 * (its socket file in that folder too), trusting local connections, stopped and removed by `stop`.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-pg-'));
  const data = path.join(dir, 'data');
  if (isRoot) {
    const { uid, gid } = userIds('postgres');
    fs.chownSync(dir, uid, gid);
  }
  await runAsServerUser(postgresBinary('initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pgCtl = postgresBinary('pg_ctl');
  await runAsServerUser(pgCtl, [
    '-D',
    data,
    '-o',
    options,
    '-l',
    path.join(dir, 'log'),
    '-w',
    'start',
  ]);
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  let databases = 0;
  return {
    port,
    async createDatabase() {
      const name = `factcheck_${process.pid}_${++databases}`;
      await admin.query(`CREATE DATABASE ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await admin.end();
      await runAsServerUser(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** What `usePostgres` started; read it inside tests (filled in by `beforeAll`). */
export interface TestDatabase {
  server: PostgresServer;
  /** The file's own database. */
  url: string;
}

/**
 * A PostgreSQL server started before the file's (or describe block's) first test, with a
 * database of the file's own, and stopped after its last.
 */
export function usePostgres(): TestDatabase {
  const db = {} as TestDatabase;
  beforeAll(async () => {
    db.server = await startPostgres();
    db.url = await db.server.createDatabase();
  }, 60_000);
  afterAll(async () => {
    await db.server?.stop();
  });
  return db;
}
