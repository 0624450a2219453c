import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layers may import only from layers below them (DESIGN.md): server/cli -> verdict -> retrieve -> index -> embed -> config. */
const layer = (dir, forbidden) => ({
  files: [`src/${dir}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((f) => ({
          group: [`../${f}/*`, `../../${f}/*`],
          message: `src/${dir} must not import from src/${f} (imports flow one way).`,
        })),
      },
    ],
  },
});

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
  layer('config', [
    'embed',
    'index',
    'ingest',
    'retrieve',
    'verdict',
    'store',
    'server',
    'cli',
    'bots',
  ]),
  // Screenshot reading sits just above config: the edges and the verdict layer call it.
  layer('ocr', [
    'embed',
    'index',
    'ingest',
    'retrieve',
    'verdict',
    'store',
    'server',
    'cli',
    'bots',
    'moderation',
  ]),
  layer('embed', ['index', 'ingest', 'retrieve', 'verdict', 'store', 'server', 'cli', 'bots']),
  layer('ingest', ['index', 'retrieve', 'verdict', 'store', 'server', 'cli', 'bots']),
  layer('index', ['retrieve', 'verdict', 'store', 'server', 'cli', 'bots']),
  layer('retrieve', ['verdict', 'store', 'server', 'cli', 'bots']),
  layer('verdict', ['store', 'server', 'cli', 'bots']),
  layer('store', ['server', 'cli', 'bots']),
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
