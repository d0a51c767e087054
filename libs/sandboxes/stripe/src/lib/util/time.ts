// Stripe timestamps are Unix seconds. Calendar arithmetic is done in UTC, so seeded data does not
// depend on the machine's time zone.

export type UnixSeconds = number;

export const DAY_SECONDS = 86_400;

export function unixSeconds(date: Date): UnixSeconds {
  return Math.floor(date.getTime() / 1000);
}

/** Midnight UTC of the day `date` falls on. */
export function startOfUtcDay(date: Date): UnixSeconds {
  return unixSeconds(
    new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate())),
  );
}

export function addDays(at: UnixSeconds, days: number): UnixSeconds {
  return at + days * DAY_SECONDS;
}

/**
 * Adds calendar months the way Stripe bills from an anchor: the day of month is kept, clamped to
 * the last day of a shorter month (31 Jan + 1 month = 28/29 Feb, + 2 months = 31 Mar).
 */
export function addMonths(at: UnixSeconds, months: number): UnixSeconds {
  const d = new Date(at * 1000);
  const day = d.getUTCDate();
  const target = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth() + months,
      1,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    ),
  );
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return unixSeconds(target);
}

export type RecurringInterval = 'day' | 'week' | 'month' | 'year';

/** `at` plus `count` billing intervals. */
export function addInterval(
  at: UnixSeconds,
  interval: RecurringInterval,
  count: number,
): UnixSeconds {
  switch (interval) {
    case 'day':
      return addDays(at, count);
    case 'week':
      return addDays(at, 7 * count);
    case 'month':
      return addMonths(at, count);
    case 'year':
      return addMonths(at, 12 * count);
  }
}

/**
 * The billing period containing `now` for a subscription billed every `count` `interval`s from
 * `anchor` (periods are computed from the anchor each time, as Stripe does, so clamped days recover).
 */
export function periodContaining(
  anchor: UnixSeconds,
  interval: RecurringInterval,
  count: number,
  now: UnixSeconds,
): { start: UnixSeconds; end: UnixSeconds } {
  if (now < anchor) return { start: anchor, end: addInterval(anchor, interval, count) };
  let n = 0;
  let start = anchor;
  let end = addInterval(anchor, interval, count);
  // Bounded: at most one step per period since the anchor.
  while (end <= now) {
    n += 1;
    start = end;
    end = addInterval(anchor, interval, (n + 1) * count);
  }
  return { start, end };
}
