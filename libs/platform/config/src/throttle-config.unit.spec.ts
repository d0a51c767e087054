import { ConfigError } from './config-error';
import { readThrottleConfig } from './throttle-config';

describe('readThrottleConfig', () => {
  it('defaults: 30 failed logins a minute per address, 600 overall; callouts 10 and 100; no proxy trusted', () => {
    expect(readThrottleConfig({})).toEqual({
      login: {
        perAddress: { failures: 30, windowSeconds: 60 },
        global: { failures: 600, windowSeconds: 60 },
      },
      callout: {
        perAddress: { failures: 10, windowSeconds: 60 },
        global: { failures: 100, windowSeconds: 60 },
      },
      trustProxy: false,
    });
  });

  it('reads every variable, in seconds, minutes or hours, and off', () => {
    expect(
      readThrottleConfig({
        THROTTLE_LOGIN_PER_ADDRESS: '5/10s',
        THROTTLE_LOGIN_GLOBAL: 'OFF',
        THROTTLE_CALLOUT_PER_ADDRESS: '3/90',
        THROTTLE_CALLOUT_GLOBAL: '1000/1h',
        GATEWAY_TRUST_PROXY: 'loopback, 10.0.0.0/8',
      }),
    ).toEqual({
      login: { perAddress: { failures: 5, windowSeconds: 10 }, global: null },
      callout: {
        perAddress: { failures: 3, windowSeconds: 90 },
        global: { failures: 1000, windowSeconds: 3600 },
      },
      trustProxy: 'loopback, 10.0.0.0/8',
    });
  });

  it.each([
    ['true', true],
    ['FALSE', false],
    ['2', 2],
  ])('GATEWAY_TRUST_PROXY=%s is %p', (raw, expected) => {
    expect(readThrottleConfig({ GATEWAY_TRUST_PROXY: raw }).trustProxy).toBe(expected);
  });

  it.each(['30', '0/1m', '-1/1m', '1.5/1m', '30/0s', '30/2d', '30/1m/2', 'thirty/1m', '30/soon'])(
    'refuses THROTTLE_LOGIN_PER_ADDRESS=%s, naming the variable and the format',
    (raw) => {
      const read = () => readThrottleConfig({ THROTTLE_LOGIN_PER_ADDRESS: raw });
      expect(read).toThrow(ConfigError);
      expect(read).toThrow(
        /THROTTLE_LOGIN_PER_ADDRESS must be <failures>\/<window>.*e\.g\. 30\/1m, or off/,
      );
    },
  );
});
