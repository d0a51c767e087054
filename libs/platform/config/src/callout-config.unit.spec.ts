import { ConfigError } from './config-error';
import { readCalloutCredentials, readZuoraConfig } from './service-config';

describe('readCalloutCredentials', () => {
  it('is null when neither variable is set', () => {
    expect(readCalloutCredentials({})).toBeNull();
  });

  it('reads both', () => {
    expect(
      readCalloutCredentials({ CALLOUT_USERNAME: 'zuora', CALLOUT_PASSWORD: 's3cret' }),
    ).toEqual({ username: 'zuora', password: 's3cret' });
  });

  it.each([
    [
      { CALLOUT_USERNAME: 'zuora' },
      'Invalid configuration: CALLOUT_PASSWORD is required when CALLOUT_USERNAME is set',
    ],
    [
      { CALLOUT_PASSWORD: 's3cret' },
      'Invalid configuration: CALLOUT_USERNAME is required when CALLOUT_PASSWORD is set',
    ],
    [
      { CALLOUT_USERNAME: 'zu:ora', CALLOUT_PASSWORD: 's3cret' },
      "Invalid configuration: CALLOUT_USERNAME must not contain ':'",
    ],
  ])('names the variable that is wrong: %j', (env, message) => {
    expect(() => readCalloutCredentials(env)).toThrow(ConfigError);
    expect(() => readCalloutCredentials(env)).toThrow(message);
  });
});

describe('readZuoraConfig integration users', () => {
  const zuora = {
    ZUORA_BASE_URL: 'https://rest.test.zuora.com',
    ZUORA_CLIENT_ID: 'id',
    ZUORA_CLIENT_SECRET: 'secret',
  };

  it('defaults to none', () => {
    expect(readZuoraConfig(zuora).integrationUserIds).toEqual([]);
  });

  it('splits the comma-separated list', () => {
    expect(
      readZuoraConfig({ ...zuora, ZUORA_INTEGRATION_USER_IDS: ' 8ad0a, ,8ad0b ' })
        .integrationUserIds,
    ).toEqual(['8ad0a', '8ad0b']);
  });
});
