import { ConfigError } from './config-error';
import { readInfraConfig } from './service-config';

const required = { DATABASE_URL: 'postgres://localhost/subsync', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('DATABASE_PREPARED_STATEMENTS', () => {
  it('is on unless turned off', () => {
    expect(readInfraConfig(required).databasePreparedStatements).toBe(true);
    expect(
      readInfraConfig({ ...required, DATABASE_PREPARED_STATEMENTS: 'false' })
        .databasePreparedStatements,
    ).toBe(false);
  });

  it('refuses a value that is neither true nor false, naming the variable', () => {
    let refused: unknown;
    try {
      readInfraConfig({ ...required, DATABASE_PREPARED_STATEMENTS: 'off-ish' });
    } catch (error) {
      refused = error;
    }

    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).message).toMatch(/DATABASE_PREPARED_STATEMENTS/);
  });
});
