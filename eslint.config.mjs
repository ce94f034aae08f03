// @ts-check
import js from '@eslint/js'
import stylistic from '@stylistic/eslint-plugin'
import prettier from 'eslint-config-prettier'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'

const typescriptFiles = ['{src,test,scripts,bench,migrations,seeds}/**/*.ts']

export default defineConfig(
  { ignores: ['dist/', 'public/', 'node_modules/', 'coverage/', '.tmp/', 'data/'] },
  {
    files: typescriptFiles,
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's describe/it/test return promises that the runner itself awaits and reports on.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
      // Numbers print as expected in a template; null, undefined, objects and the like still need saying how.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // The stylistic set prefers `x!` to `x as T`, which strict's no-non-null-assertion forbids: typescript-eslint's
      // own advice for code that keeps no-non-null-assertion is to turn this one off.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      // Express handlers end early with `return res.redirect(...)` or `return next()` (over 100 places, most in
      // async handlers, which the rule's ignoreVoidReturningFunctions does not cover); splitting each into two
      // statements says nothing clearer. A void result put to any real use (a string, a number) is a type error
      // already, and promises are covered by no-floating-promises and no-misused-promises.
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // A test that assumes wrongly fails there and then, which is all a guard would do; source keeps the rule.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Tests read raw knex rows and supertest bodies, which are `any`, and assert on exactly the fields they read:
      // the assertion is the check. Source code keeps these rules and types its rows.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  // Prettier does the layout; this switches off every rule that would fight it.
  prettier,
  {
    files: typescriptFiles,
    plugins: { '@stylistic': stylistic },
    rules: {
      // Prettier wraps code at 120 but leaves long strings, comments and template literals as they are. A regular
      // expression literal is the one thing that cannot be wrapped without turning it into a string to compile.
      '@stylistic/max-len': ['error', { code: 120, tabWidth: 2, ignoreRegExpLiterals: true }],
    },
  },
)
