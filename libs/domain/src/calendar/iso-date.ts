import type { IsoDate } from '../subscription/subscription.model';

// Calendar arithmetic on `YYYY-MM-DD` strings, in UTC so no time zone can shift a day.

/** `anchor` plus `months` months; a day the target month lacks clamps to its last day. */
export function addMonths(anchor: IsoDate, months: number): IsoDate {
  const { year, month, day } = parts(anchor);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = daysInMonth(target.getUTCFullYear(), target.getUTCMonth() + 1);
  target.setUTCDate(Math.min(day, lastDay));
  return format(target);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parts(date);
  return format(new Date(Date.UTC(year, month - 1, day + days)));
}

/** The earliest of the dates given; null ones are ignored (an open end). */
export function earliest(...dates: (IsoDate | null | undefined)[]): IsoDate | null {
  return pick(dates, (a, b) => a < b);
}

/** The latest of the dates given; null ones are ignored. */
export function latest(...dates: (IsoDate | null | undefined)[]): IsoDate | null {
  return pick(dates, (a, b) => a > b);
}

function pick(
  dates: (IsoDate | null | undefined)[],
  better: (a: IsoDate, b: IsoDate) => boolean,
): IsoDate | null {
  let chosen: IsoDate | null = null;
  for (const date of dates) {
    if (date !== null && date !== undefined && (chosen === null || better(date, chosen))) {
      chosen = date;
    }
  }
  return chosen;
}

function parts(date: IsoDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new RangeError(`Not a YYYY-MM-DD date: '${date}'`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function format(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}
