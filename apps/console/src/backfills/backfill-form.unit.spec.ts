import { backfillRequestOf, EMPTY_BACKFILL_FORM } from './backfill-form';

describe('the start-a-backfill form', () => {
  it('sends no filter when nothing is filled in', () => {
    expect(backfillRequestOf(EMPTY_BACKFILL_FORM)).toEqual({ provider: 'zuora', filter: {} });
  });

  it("sends only the chosen provider's fields, ids split on commas and spaces", () => {
    const fields = {
      ...EMPTY_BACKFILL_FORM,
      accounts: ' A00000001, A00000002\nA00000003 ',
      customers: 'cus_1 cus_2',
      createdFrom: '2026-01-01T00:00',
    };
    expect(backfillRequestOf(fields)).toEqual({
      provider: 'zuora',
      filter: { accounts: ['A00000001', 'A00000002', 'A00000003'] },
    });
    expect(backfillRequestOf({ ...fields, provider: 'stripe' })).toEqual({
      provider: 'stripe',
      filter: {
        customers: ['cus_1', 'cus_2'],
        createdFrom: new Date('2026-01-01T00:00').toISOString(),
      },
    });
  });
});
