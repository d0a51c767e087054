import type { Config } from 'jest';
import { readFileSync } from 'node:fs';

// Map the tsconfig path aliases so tests run against the TypeScript sources.
const { compilerOptions } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias}$`,
    `<rootDir>/${target}`,
  ]),
);
const swcTransform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
        keepClassNames: true,
      },
    },
  ],
};
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: swcTransform,
  moduleNameMapper,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools', '<rootDir>/e2e'],
};

const config: Config = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    {
      ...base,
      displayName: 'int',
      testMatch: ['**/*.int.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/testkit/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/testkit/src/jest/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/testkit/src/jest/long-timeout.ts'],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/libs/testing/testkit/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/testkit/src/jest/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/testkit/src/jest/long-timeout.ts'],
    },
    {
      // Suites that start their own containers, as a user's would (`npm run test:containers`).
      ...base,
      displayName: 'containers',
      testMatch: ['**/*.containers.spec.ts'],
    },
  ],
};
export default config;
