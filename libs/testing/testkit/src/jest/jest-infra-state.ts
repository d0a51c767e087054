// Jest loads the global setup and teardown without its moduleNameMapper: no path alias here.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { type KafkaInstance } from '../../../../local-infra/src/kafka/kafka-instance';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { type PostgresInstance } from '../../../../local-infra/src/postgres/postgres-instance';

/**
 * What global-setup started, for global-teardown. Both run in Jest's parent process, so they share
 * globalThis (test files run elsewhere and only see the environment variables).
 */
export interface JestInfraState {
  kafka?: KafkaInstance;
  postgres?: PostgresInstance;
  /** Variables we set, removed again at teardown. */
  exportedEnv: string[];
}

const STATE_KEY = '__subsyncTestkitInfra';

type StateHolder = typeof globalThis & { [STATE_KEY]?: JestInfraState };

export function jestInfraState(): JestInfraState {
  const holder = globalThis as StateHolder;
  holder[STATE_KEY] ??= { exportedEnv: [] };
  return holder[STATE_KEY];
}
