import js from '@eslint/js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

/**
 * The folders of src/, lowest layer first (README, "Architecture"): a folder may import from the
 * folders before it in this list, never from those after it; a folder missing here is an error.
 * Moving or adding a folder is one edit of this list. The files at the top of src/ (errors.ts,
 * types.ts, logger.ts) sit below every folder; src/index.ts, the library's entry, may import any.
 */
const LAYERS = [
  'text', // pure text helpers shared by index, verdict and moderation (the Porter2 stemmer)
  'config',
  'cluster', // what the nodes of one service share over Redis (REDIS_URL): connections, notices, claims
  'ocr', // screenshot reading: the CLI and the edges call it
  'embed',
  'ingest',
  'index',
  'retrieve',
  'verdict',
  'store',
  'moderation',
  'bots',
  'server',
  'cli',
];
/**
 * Imports that break the direction today, as `importer -> target` under src/, each waiting for
 * the move that removes it (issue 11). Remove a line when its import is gone.
 */
const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');

/** Where a file or import target sits: a LAYERS index, -1 for the top of src/, undefined outside. */
function layerOf(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const [first, ...rest] = rel.split(path.sep);
  if (rest.length === 0) return first === 'index.ts' ? LAYERS.length : -1;
  return LAYERS.indexOf(first) === -1 ? first : LAYERS.indexOf(first);
}

/** `layers/import-direction`: relative imports that point up the LAYERS list. */
const importDirection = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const from = layerOf(context.filename);
    if (from === undefined) return {};
    const check = (node) => {
      const source = node.source;
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      if (!source.value.startsWith('.')) return;
      const target = path
        .resolve(path.dirname(context.filename), source.value)
        .replace(/\.js$/, '.ts');
      const to = layerOf(target);
      if (to === undefined || to === from) return;
      const name = (layer) => (layer === -1 ? 'the top of src/' : `src/${LAYERS[layer]}`);
      if (typeof from === 'string' || typeof to === 'string') {
        const folder = typeof from === 'string' ? from : to;
        context.report({
          node: source,
          message: `src/${folder} has no place in LAYERS (eslint.config.js).`,
        });
      } else if (to > from) {
        context.report({
          node: source,
          message: `${name(from)} must not import from ${name(to)}: imports flow down LAYERS (eslint.config.js).`,
        });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'client/dist/',
      'coverage/',
      'test-artifacts/',
      'knowledge/',
      '.scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // STYLE.md habit 4: the environment is parsed and validated once, by src/config.
    files: ['src/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message:
            'Read settings from the Config that src/config/config.ts builds, not process.env.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { layers: { rules: { 'import-direction': importDirection } } },
    rules: { 'layers/import-direction': 'error' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['bin/**/*.js', 'bench/**/*.js', 'scripts/**/*.js', 'jest.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
