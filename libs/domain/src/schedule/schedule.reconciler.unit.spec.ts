import type { ScheduleEntry } from '../subscription/subscription.model';
import { reconcileSchedule } from './schedule.reconciler';
import type { PlannedCharge, ScheduleReconciliation } from './schedule.types';

const today = '2026-11-20';

const planned = (date: string, amount: string, currency = 'GBP'): PlannedCharge => ({
  sourceKey: `C-00000272@${date}`,
  date,
  amount,
  currency,
  description: 'Digital Pack – Monthly Fee',
});

const entry = (
  id: string,
  date: string,
  amount: string,
  overrides: Partial<ScheduleEntry> = {},
): ScheduleEntry => ({
  id,
  sourceKey: `C-00000272@${date}`,
  date,
  amount,
  currency: 'GBP',
  status: 'pending',
  description: 'Digital Pack – Monthly Fee',
  ...overrides,
});

const dec = planned('2026-12-01', '12.99');
const jan = planned('2027-01-01', '12.99');
const feb = planned('2027-02-01', '12.99');
const activationFee: PlannedCharge = {
  sourceKey: 'C-00000273@2026-11-19',
  date: '2026-11-19',
  amount: '1.00',
  currency: 'GBP',
  description: 'Digital Basic – Activation Fee',
};

const pending = (date: string, amount: string, currency = 'GBP') => ({
  date,
  amount,
  currency,
  status: 'pending',
});
const cancelled = (date: string, amount: string, currency = 'GBP') => ({
  date,
  amount,
  currency,
  status: 'cancelled',
});

/** What the writer does with a reconciliation: cancel, refresh descriptions, then create. */
function apply(existing: ScheduleEntry[], result: ScheduleReconciliation): ScheduleEntry[] {
  const cancel = new Set(result.cancel);
  const descriptions = new Map(result.update.map((u) => [u.id, u.description]));
  return [
    ...existing.map((e) =>
      cancel.has(e.id)
        ? { ...e, status: 'cancelled' as const }
        : { ...e, description: descriptions.get(e.id) ?? e.description },
    ),
    ...result.create.map((c, n) => ({ ...c, id: `schedule-new${n}`, status: 'pending' as const })),
  ];
}

describe('reconcileSchedule', () => {
  it.each<[string, ScheduleEntry[], PlannedCharge[], ScheduleReconciliation]>([
    [
      'an empty schedule (an import) gets every planned charge',
      [],
      [dec, jan],
      {
        create: [dec, jan],
        cancel: [],
        update: [],
        changes: [
          {
            field: 'schedule.C-00000272@2026-12-01',
            before: null,
            after: pending('2026-12-01', '12.99'),
          },
          {
            field: 'schedule.C-00000272@2027-01-01',
            before: null,
            after: pending('2027-01-01', '12.99'),
          },
        ],
      },
    ],
    [
      'a schedule that matches the plan is kept',
      [entry('schedule-1', '2026-12-01', '12.99'), entry('schedule-2', '2027-01-01', '12.99')],
      [dec, jan],
      { create: [], cancel: [], update: [], changes: [] },
    ],
    [
      'amounts compare as decimals: 12.9 is 12.90',
      [entry('schedule-1', '2026-12-01', '12.9')],
      [planned('2026-12-01', '12.90')],
      { create: [], cancel: [], update: [], changes: [] },
    ],
    [
      'a kept entry gets the planned description, and that is no field change',
      [entry('schedule-1', '2026-12-01', '12.99', { description: null })],
      [dec],
      {
        create: [],
        cancel: [],
        update: [{ id: 'schedule-1', description: 'Digital Pack – Monthly Fee' }],
        changes: [],
      },
    ],
    [
      'a price change cancels the old entry and creates the new one',
      [entry('schedule-1', '2026-12-01', '10.00'), entry('schedule-2', '2027-01-01', '10.00')],
      [planned('2026-12-01', '10.00'), planned('2027-01-01', '12.00')],
      {
        create: [planned('2027-01-01', '12.00')],
        cancel: ['schedule-2'],
        update: [],
        changes: [
          {
            field: 'schedule.C-00000272@2027-01-01',
            before: pending('2027-01-01', '10.00'),
            after: cancelled('2027-01-01', '10.00'),
          },
          {
            field: 'schedule.C-00000272@2027-01-01',
            before: null,
            after: pending('2027-01-01', '12.00'),
          },
        ],
      },
    ],
    [
      'a currency change cancels and recreates',
      [entry('schedule-1', '2026-12-01', '12.99')],
      [planned('2026-12-01', '12.99', 'EUR')],
      {
        create: [planned('2026-12-01', '12.99', 'EUR')],
        cancel: ['schedule-1'],
        update: [],
        changes: [
          {
            field: 'schedule.C-00000272@2026-12-01',
            before: pending('2026-12-01', '12.99'),
            after: cancelled('2026-12-01', '12.99'),
          },
          {
            field: 'schedule.C-00000272@2026-12-01',
            before: null,
            after: pending('2026-12-01', '12.99', 'EUR'),
          },
        ],
      },
    ],
    [
      'a cancellation on 2027-01-01: the pending entries from then on are cancelled',
      [
        entry('schedule-1', '2026-12-01', '12.99'),
        entry('schedule-2', '2027-01-01', '12.99'),
        entry('schedule-3', '2027-02-01', '12.99'),
      ],
      [dec],
      {
        create: [],
        cancel: ['schedule-2', 'schedule-3'],
        update: [],
        changes: [
          {
            field: 'schedule.C-00000272@2027-01-01',
            before: pending('2027-01-01', '12.99'),
            after: cancelled('2027-01-01', '12.99'),
          },
          {
            field: 'schedule.C-00000272@2027-02-01',
            before: pending('2027-02-01', '12.99'),
            after: cancelled('2027-02-01', '12.99'),
          },
        ],
      },
    ],
    [
      'paid, past and cancelled entries are history and stay as they are',
      [
        entry('schedule-0', '2026-11-01', '12.99'), // pending, before today, no longer planned
        entry('schedule-1', '2026-12-01', '11.99', { status: 'paid' }), // paid in advance
        entry('schedule-2', '2027-01-01', '12.99', { status: 'cancelled' }),
      ],
      [dec, jan],
      {
        create: [jan],
        cancel: [],
        update: [],
        changes: [
          {
            field: 'schedule.C-00000272@2027-01-01',
            before: null,
            after: pending('2027-01-01', '12.99'),
          },
        ],
      },
    ],
    [
      'unbilled charges dated before today: one on the schedule stays, a missing one is created',
      [entry('schedule-0', '2026-11-19', '4.99')],
      [planned('2026-11-19', '4.99'), activationFee],
      {
        create: [activationFee],
        cancel: [],
        update: [],
        changes: [
          {
            field: 'schedule.C-00000273@2026-11-19',
            before: null,
            after: pending('2026-11-19', '1.00'),
          },
        ],
      },
    ],
    [
      'a pending entry the platform made itself (no sourceKey) is replaced by the plan',
      [entry('schedule-9', '2026-12-01', '12.99', { sourceKey: null })],
      [dec],
      {
        create: [dec],
        cancel: ['schedule-9'],
        update: [],
        changes: [
          {
            field: 'schedule.schedule-9',
            before: pending('2026-12-01', '12.99'),
            after: cancelled('2026-12-01', '12.99'),
          },
          {
            field: 'schedule.C-00000272@2026-12-01',
            before: null,
            after: pending('2026-12-01', '12.99'),
          },
        ],
      },
    ],
    [
      'a duplicate pending entry for the same charge period is cancelled',
      [entry('schedule-1', '2026-12-01', '12.99'), entry('schedule-2', '2026-12-01', '12.99')],
      [dec],
      {
        create: [],
        cancel: ['schedule-2'],
        update: [],
        changes: [
          {
            field: 'schedule.C-00000272@2026-12-01',
            before: pending('2026-12-01', '12.99'),
            after: cancelled('2026-12-01', '12.99'),
          },
        ],
      },
    ],
  ])('%s', (_case, existing, plan, expected) => {
    expect(reconcileSchedule(existing, plan, today)).toEqual(expected);
  });

  it('is idempotent: reconciling the result against the same plan does nothing', () => {
    // given a schedule with a stale price, an entry past a cancellation and history
    const existing = [
      entry('schedule-0', '2026-11-01', '12.99', { status: 'paid' }),
      entry('schedule-1', '2026-12-01', '10.00'),
      entry('schedule-2', '2027-01-01', '12.99', { description: 'Old name' }),
      entry('schedule-3', '2027-03-01', '12.99'),
    ];
    const plan = [dec, jan, feb];
    const first = reconcileSchedule(existing, plan, today);
    expect(first.create).toEqual([dec, feb]);
    expect(first.cancel).toEqual(['schedule-1', 'schedule-3']);

    // when the result is reconciled again
    const second = reconcileSchedule(apply(existing, first), plan, today);

    // then
    expect(second).toEqual({ create: [], cancel: [], update: [], changes: [] });
  });
});

describe('reconcileSchedule with a discounted charge', () => {
  const discount = { listAmount: '20.00', amount: '2.00', from: ['Loyalty'] };

  it('the change that creates the entry shows the discount', () => {
    const result = reconcileSchedule([], [{ ...planned('2026-12-01', '18.00'), discount }], today);
    expect(result.changes).toEqual([
      {
        field: 'schedule.C-00000272@2026-12-01',
        before: null,
        after: { ...pending('2026-12-01', '18.00'), discount },
      },
    ]);
  });

  it('a discount newly in force cancels the full-price entry and creates the discounted one', () => {
    const result = reconcileSchedule(
      [entry('schedule-1', '2026-12-01', '20.00')],
      [{ ...planned('2026-12-01', '18.00'), discount }],
      today,
    );
    expect(result.cancel).toEqual(['schedule-1']);
    expect(result.create.map((c) => c.amount)).toEqual(['18.00']);
  });
});

describe('reconcileSchedule with charges planned as paid and past pending entries not kept', () => {
  // Stripe's way: the paid invoices and the upcoming invoice are the whole schedule.
  const stripe = { pastPendingIsHistory: false };
  const paidInvoice: PlannedCharge = {
    sourceKey: 'in_1',
    date: '2026-11-01',
    amount: '12.99',
    currency: 'GBP',
    description: 'Invoice 1',
    status: 'paid',
  };
  const upcoming: PlannedCharge = {
    sourceKey: 'upcoming@2026-12-01',
    date: '2026-12-01',
    amount: '12.99',
    currency: 'GBP',
    description: 'Upcoming invoice',
  };
  const pendingEntry = (id: string, sourceKey: string, date: string): ScheduleEntry => ({
    id,
    sourceKey,
    date,
    amount: '12.99',
    currency: 'GBP',
    status: 'pending',
    description: 'Upcoming invoice',
  });
  const paid = (date: string, amount: string) => ({
    date,
    amount,
    currency: 'GBP',
    status: 'paid',
  });

  it.each<[string, ScheduleEntry[], PlannedCharge[], ScheduleReconciliation]>([
    [
      'a charge planned as paid is created paid',
      [],
      [paidInvoice, upcoming],
      {
        create: [paidInvoice, upcoming],
        cancel: [],
        update: [],
        changes: [
          { field: 'schedule.in_1', before: null, after: paid('2026-11-01', '12.99') },
          {
            field: 'schedule.upcoming@2026-12-01',
            before: null,
            after: pending('2026-12-01', '12.99'),
          },
        ],
      },
    ],
    [
      'a paid entry already there is left alone, even when the plan differs',
      [{ ...pendingEntry('schedule-1', 'in_1', '2026-11-01'), status: 'paid', amount: '10.00' }],
      [paidInvoice],
      { create: [], cancel: [], update: [], changes: [] },
    ],
    [
      'a pending entry dated before today that the plan lacks is cancelled',
      [pendingEntry('schedule-1', 'upcoming@2026-11-01', '2026-11-01')],
      [paidInvoice, upcoming],
      {
        create: [paidInvoice, upcoming],
        cancel: ['schedule-1'],
        update: [],
        changes: [
          {
            field: 'schedule.upcoming@2026-11-01',
            before: pending('2026-11-01', '12.99'),
            after: cancelled('2026-11-01', '12.99'),
          },
          { field: 'schedule.in_1', before: null, after: paid('2026-11-01', '12.99') },
          {
            field: 'schedule.upcoming@2026-12-01',
            before: null,
            after: pending('2026-12-01', '12.99'),
          },
        ],
      },
    ],
    [
      'a pending entry whose charge is now planned as paid is cancelled and recreated paid',
      [pendingEntry('schedule-1', 'in_1', '2026-11-01')],
      [paidInvoice],
      {
        create: [paidInvoice],
        cancel: ['schedule-1'],
        update: [],
        changes: [
          {
            field: 'schedule.in_1',
            before: pending('2026-11-01', '12.99'),
            after: cancelled('2026-11-01', '12.99'),
          },
          { field: 'schedule.in_1', before: null, after: paid('2026-11-01', '12.99') },
        ],
      },
    ],
  ])('%s', (_case, existing, plan, expected) => {
    expect(reconcileSchedule(existing, plan, today, stripe)).toEqual(expected);
  });

  it('by default (Zuora) the same past pending entry is history and stays', () => {
    const existing = [pendingEntry('schedule-1', 'upcoming@2026-11-01', '2026-11-01')];
    expect(reconcileSchedule(existing, [upcoming], today).cancel).toEqual([]);
  });
});
