import { type KafkaInstance } from '../kafka/kafka-instance';
import { type PostgresInstance } from '../postgres/postgres-instance';

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
