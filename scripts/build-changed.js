// `npm start`'s build step: runs the TypeScript build and the client bundle only when a source
// changed since the last build, so a restart costs a few file stats instead of a full build. The
// checks are plain Node (no TypeScript compiler, no tsx) because they run on every start.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const at = (...parts) => path.join(root, ...parts);

const modifiedAt = (file) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
};

/** Newest mtime under a folder, folders included (an added or deleted file changes its folder's). */
function newestUnder(dir) {
  let newest = modifiedAt(dir);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(full) : modifiedAt(full));
  }
  return newest;
}

/** What `tsc -b` compares: the sources and tsconfigs against the build info it wrote last. */
function isServerBuildCurrent() {
  const builtAt = modifiedAt(at('dist', '.tsbuildinfo'));
  if (builtAt === Infinity) return false;
  const inputs = [newestUnder(at('src')), modifiedAt(at('tsconfig.json'))];
  return Math.max(...inputs, modifiedAt(at('tsconfig.build.json'))) < builtAt;
}

/** client/build.ts records every input of the bundles and when it began reading them. */
function isClientBuildCurrent() {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(at('client', 'dist', '.build-inputs.json'), 'utf8'));
  } catch {
    return false;
  }
  const entries = fs
    .readdirSync(at('client', 'src'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(at('client', 'src', d.name, 'main.ts')))
    .map((d) => d.name);
  return (
    stamp.entries.join('\n') === entries.join('\n') &&
    entries.every((name) => fs.existsSync(at('client', 'dist', `${name}.js`))) &&
    newestUnder(at('client', 'public')) < stamp.startedAt &&
    stamp.inputs.every((file) => modifiedAt(file) < stamp.startedAt)
  );
}

function run(command, args) {
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}

if (!isServerBuildCurrent()) {
  process.stderr.write(
    'building the TypeScript sources (first build, or sources changed since the last)\n',
  );
  run(process.execPath, [
    at('node_modules', 'typescript', 'bin', 'tsc'),
    '-b',
    'tsconfig.build.json',
  ]);
}
if (!isClientBuildCurrent()) {
  process.stderr.write(
    'building the widget and console (first build, or inputs changed since the last)\n',
  );
  run(process.execPath, ['--import', 'tsx', at('client', 'build.ts')]);
}
