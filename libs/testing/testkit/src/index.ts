// Public API of the test kit: what only tests use. The Kafka, PostgreSQL and service processes
// they run on come from @subsync/local-infra, which `npm start` uses too. Jest's global
// setup/teardown live in ./jest and are referenced by path from jest.config.ts.
export {
  readsThatGrew,
  rowsRead,
  seqScannedTables,
  StatementRecorder,
  type RecordedStatement,
  type SqlSession,
} from './postgres/statement-cost';
export {
  bulkAccount,
  bulkReference,
  isBulkStripe,
  storeBulkSubscriptions,
} from './postgres/bulk-subscriptions';
export { createTestDatabase, testKafkaBrokers } from './jest/test-database';
export {
  checkChromium,
  chromiumPath,
  DEFAULT_CHROMIUM_PATH,
  launchBrowser,
  type LaunchBrowserOptions,
} from './browser/launch-browser';
