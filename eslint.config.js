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
