import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'coverage',
      'data',
      'apps/*/dist',
      'test/bench/results',
      'test/screenshots',
      '*.js',
      '*.cjs',
      'scripts/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional', 'ValidateNested'],
              message:
                'Use IsOptional and IsNested from src/common/validation: they refuse null and non-objects.',
            },
          ],
          patterns: [
            {
              group: ['**/libs/contracts/**'],
              message: "Import the contracts as '@o2o/contracts' (one alias for server, tests and pages).",
            },
          ],
        },
      ],
    },
  },
  { files: ['src/common/validation.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['**/*.spec.ts', 'test/**/*.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
);
