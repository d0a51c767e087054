import type { ZuoraOrder } from '../zuora.types';
import { type CalloutOrigin, decideCalloutOrigin } from './callout-origin.policy';
import type { CalloutParameters } from './callout-parameters';

const INTEGRATION_USER = '8ad0823f8455ba1d01845a4b2c3d4e5f';
const UI_USER = '8ad0823f8455ba1d01845a4b99990000';

function anOrder(overrides: Partial<ZuoraOrder> = {}): ZuoraOrder {
  return {
    orderNumber: 'O-00000271',
    createdBy: UI_USER,
    customFields: { Source__c: null, InitiatedSource__c: null },
    subscriptions: [
      {
        subscriptionNumber: 'A-S00000271',
        orderActions: [{ type: 'UpdateProduct' }],
      },
    ],
    ...overrides,
  };
}

describe('decideCalloutOrigin', () => {
  const integrationUserIds = [INTEGRATION_USER];

  describe('given only the callout parameters', () => {
    it.each<[string, CalloutParameters, CalloutOrigin]>([
      [
        'Source shop',
        { orderNumber: 'O-1', source: 'shop' },
        { kind: 'platform', reason: 'order O-1 was started by the platform (Source = shop)' },
      ],
      [
        'Source SalesForce, in any case',
        { orderNumber: 'O-1', source: ' SalesForce ' },
        {
          kind: 'platform',
          reason: 'order O-1 was started by the platform (Source = SalesForce)',
        },
      ],
      [
        'Source shop without an order number',
        { source: 'shop' },
        { kind: 'platform', reason: 'this change was started by the platform (Source = shop)' },
      ],
      [
        'a creator who is the integration user',
        { orderNumber: 'O-1', createdById: INTEGRATION_USER.toUpperCase() },
        {
          kind: 'platform',
          reason: `order O-1 was created by the platform's integration user ${INTEGRATION_USER.toUpperCase()} (CreatedById)`,
        },
      ],
      [
        'another Source and an order number',
        { orderNumber: 'O-1', source: 'zuora-ui' },
        { kind: 'lookup-order', orderNumber: 'O-1' },
      ],
      [
        'another creator and an order number',
        { orderNumber: 'O-1', createdById: UI_USER },
        { kind: 'lookup-order', orderNumber: 'O-1' },
      ],
      ['no order number and nothing else', { subscriptionNumber: 'A-S1' }, { kind: 'external' }],
      [
        'no order number and another Source',
        { source: 'Workflow', createdById: UI_USER },
        { kind: 'external' },
      ],
    ])('%s', (_case, callout, expected) => {
      expect(decideCalloutOrigin({ callout, integrationUserIds })).toEqual(expected);
    });
  });

  describe('given the order', () => {
    const callout: CalloutParameters = { orderNumber: 'O-00000273' };

    it.each<[string, Partial<ZuoraOrder>, CalloutOrigin]>([
      [
        'Source__c shop',
        { customFields: { Source__c: 'shop', InitiatedSource__c: 'self-service' } },
        {
          kind: 'platform',
          reason: 'order O-00000273 was started by the platform (Source__c = shop)',
        },
      ],
      [
        'InitiatedSource__c Salesforce',
        { customFields: { InitiatedSource__c: 'Salesforce' } },
        {
          kind: 'platform',
          reason: 'order O-00000273 was started by the platform (InitiatedSource__c = Salesforce)',
        },
      ],
      [
        'created by the integration user, with no source fields',
        { createdBy: INTEGRATION_USER, customFields: {} },
        {
          kind: 'platform',
          reason: `order O-00000273 was created by the platform's integration user ${INTEGRATION_USER}`,
        },
      ],
      ['made in the UI with empty source fields', {}, { kind: 'external' }],
      [
        'a source value that is not the platform',
        { customFields: { Source__c: 'workflow', InitiatedSource__c: 'self-service' } },
        { kind: 'external' },
      ],
      [
        'a source field that is not text',
        { customFields: { Source__c: ['shop'] } },
        { kind: 'external' },
      ],
      ['no creator', { createdBy: null }, { kind: 'external' }],
    ])('%s', (_case, overrides, expected) => {
      expect(
        decideCalloutOrigin({ callout, order: anOrder(overrides), integrationUserIds }),
      ).toEqual(expected);
    });
  });

  it('trusts no creator when no integration user is configured', () => {
    expect(
      decideCalloutOrigin({
        callout: { orderNumber: 'O-1', createdById: INTEGRATION_USER },
        order: anOrder({ createdBy: INTEGRATION_USER }),
        integrationUserIds: [],
      }),
    ).toEqual({ kind: 'external' });
  });

  it('decides on the parameters before looking at the order', () => {
    expect(
      decideCalloutOrigin({
        callout: { orderNumber: 'O-1', source: 'shop' },
        order: anOrder({ customFields: { Source__c: 'salesforce' } }),
        integrationUserIds,
      }),
    ).toEqual({
      kind: 'platform',
      reason: 'order O-1 was started by the platform (Source = shop)',
    });
  });
});
