import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'pg', '@kurrent/*'];
const APPS = ['@ledger/api', '@ledger/projector'];
const ABOVE_STORE = ['@ledger/application', '@ledger/read-models', '@ledger/platform', ...APPS];
const ABOVE_WORKFLOWS = ['@ledger/eventstore', ...ABOVE_STORE];

/** One no-restricted-imports entry per folder: the libraries it may not use, and no climbing out. */
const boundaries = (rules) =>
  Object.entries(rules).map(([folder, forbidden]) => ({
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(forbidden.length ? [{ group: forbidden, message: `${folder} may not depend on this` }] : []),
            {
              regex: '^(\\.\\./){2,}',
              message: 'import another library by its @ledger/* name, not by a relative path',
            },
          ],
        },
      ],
    },
  }));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      '.nx/**',
      'coverage/**',
      'test-output/**',
      'apps/console/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Module boundaries: each library imports only the ones below it, by its @ledger/* name — never a
  // relative path out of its own folder (test helpers too: @ledger/*/testing, @ledger/test-support).
  ...boundaries({
    'libs/domain': ['@ledger/workflows', ...FRAMEWORKS, ...ABOVE_WORKFLOWS],
    'libs/workflows': [...FRAMEWORKS, ...ABOVE_WORKFLOWS],
    'libs/eventstore': ['@ledger/domain', '@ledger/workflows', ...ABOVE_STORE],
    'libs/application': ['@ledger/read-models', '@ledger/platform', ...APPS],
    'libs/read-models': ['@ledger/workflows', '@ledger/application', '@ledger/platform', ...APPS],
    'libs/platform': [...APPS],
    'apps/api': ['@ledger/projector'],
    'apps/projector': ['@ledger/api'],
    tools: [],
    test: [],
  }),
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        process: 'readonly',
        globalThis: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
