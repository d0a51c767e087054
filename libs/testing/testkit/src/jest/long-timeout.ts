// Jest 30 reads `testTimeout` only at the top level, so suites that start real servers set it here.
jest.setTimeout(180_000);
