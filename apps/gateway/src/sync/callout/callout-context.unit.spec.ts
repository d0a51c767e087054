import { calloutContextFrom, type CalloutRequestParts } from './callout-context';

const parts = (overrides: Partial<CalloutRequestParts>): CalloutRequestParts => ({
  caller: { kind: 'bearer', subject: 'operator', roles: ['operate'], expiresAt: null },
  body: undefined,
  contentType: undefined,
  hasContent: false,
  notificationId: undefined,
  ...overrides,
});

describe('calloutContextFrom', () => {
  it('is a plain API sync for a bearer request with no parameters', () => {
    expect(calloutContextFrom(parts({ body: {}, contentType: 'application/json' }))).toBeNull();
  });

  it('is a callout whenever the callout credentials were presented', () => {
    expect(calloutContextFrom(parts({ caller: { kind: 'callout-credentials' } }))).toEqual({});
  });

  it('is a callout for a bearer request with callout parameters or a notification id', () => {
    expect(
      calloutContextFrom(
        parts({ body: { ordernumber: 'O-1' }, contentType: 'application/json', hasContent: true }),
      ),
    ).toEqual({ orderNumber: 'O-1' });
    expect(calloutContextFrom(parts({ notificationId: ' 2c9081a0 ' }))).toEqual({
      notificationId: '2c9081a0',
    });
  });

  it('carries the parameters and the notification id together', () => {
    expect(
      calloutContextFrom(
        parts({
          caller: { kind: 'callout-credentials' },
          body: '<callout><parameter name="Source">shop</parameter></callout>',
          contentType: 'application/xml',
          hasContent: true,
          notificationId: 'n-1',
        }),
      ),
    ).toEqual({ source: 'shop', notificationId: 'n-1' });
  });

  it('rejects bad parameters and an over-long notification id with 400', () => {
    expect(() =>
      calloutContextFrom(
        parts({ body: { Source: ['shop'] }, contentType: 'application/json', hasContent: true }),
      ),
    ).toThrow('Invalid callout: parameter Source must be a text value');
    expect(() => calloutContextFrom(parts({ notificationId: 'n'.repeat(256) }))).toThrow(
      'Zuora-Notification-Id is longer than 255 characters',
    );
  });
});
