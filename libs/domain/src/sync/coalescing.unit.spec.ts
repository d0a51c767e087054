import type { SyncRequested } from '../messages/message-schemas';
import { coalesceRequests, coalescingSignature } from './coalescing';

const api = (ref: string, trigger: SyncRequested['trigger'] = 'api'): SyncRequested => ({
  provider: 'zuora',
  scope: 'subscription',
  ref,
  trigger,
});

describe('coalescing', () => {
  it('lets requests that differ only in how they name the subscription and who asked share a sync', () => {
    expect(coalescingSignature(api('A-S1'))).toBe(coalescingSignature(api('sub-1', 'ui')));
    expect(coalescingSignature(api('A-S1'))).toBe(coalescingSignature(api('A-S1', 'upstream')));
  });

  it('keeps callouts with a different context, and scopes, apart', () => {
    const callout = (source: string, notificationId: string): SyncRequested => ({
      ...api('A-S1', 'callout'),
      callout: { notificationId, orderNumber: 'O-1', source },
    });
    expect(coalescingSignature(callout('shop', 'n1'))).not.toBe(coalescingSignature(api('A-S1')));
    expect(coalescingSignature(callout('shop', 'n1'))).toBe(
      coalescingSignature(callout('shop', 'n2')),
    );
    expect(coalescingSignature(callout('shop', 'n1'))).not.toBe(
      coalescingSignature(callout('zuora', 'n1')),
    );
    expect(coalescingSignature({ ...api('A1'), scope: 'account' })).not.toBe(
      coalescingSignature(api('A1')),
    );
  });

  it('forms one sync per signature, in the order the first request of each arrived', () => {
    const shopCallout: SyncRequested = { ...api('A-S1', 'callout'), callout: { source: 'shop' } };
    const items = [
      { n: 1, request: api('A-S1') },
      { n: 2, request: shopCallout },
      { n: 3, request: api('sub-1', 'ui') },
      { n: 4, request: shopCallout },
      { n: 5, request: api('A-S1', 'upstream') },
    ];
    const groups = coalesceRequests(items, (item) => item.request);
    expect(groups.map((group) => group.map((item) => item.n))).toEqual([
      [1, 3, 5],
      [2, 4],
    ]);
  });
});
