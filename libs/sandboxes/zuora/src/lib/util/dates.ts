// Calendar helpers on `yyyy-mm-dd` strings, always in UTC, so seeded data does not depend on the
// machine's time zone.

export type IsoDate = string;

export function isoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

function parse(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

/** Adds calendar months, clamping to the last day of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = parse(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return isoDate(d);
}

/** The first date `start + n * periodMonths` that is after `today` (the next bill date). */
export function nextPeriodBoundary(start: IsoDate, periodMonths: number, today: IsoDate): IsoDate {
  let n = 1;
  let boundary = addMonths(start, periodMonths);
  while (boundary <= today) {
    n += 1;
    boundary = addMonths(start, n * periodMonths);
  }
  return boundary;
}

/** Zuora's `yyyy-mm-dd hh:mm:ss` timestamp format (used by payment methods and orders). */
export function zuoraDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parse(value).getTime());
}
