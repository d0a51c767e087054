import type { IsoDate } from '../subscription/subscription.model';

/** A Stripe time (Unix seconds) as the calendar date it falls on in UTC. */
export function isoDateFromUnix(seconds: number): IsoDate {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** The current time in Stripe's unit, whole seconds. */
export function unixFromDate(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
