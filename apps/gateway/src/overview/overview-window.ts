import { BadRequestException } from '@nestjs/common';

/** The time range an overview covers: `points` slots of `stepSeconds`, the last one holding now. */
export interface OverviewWindow {
  minutes: number;
  stepSeconds: number;
  /** Epoch seconds of the first slot's start and of the end of the last one. */
  from: number;
  to: number;
  points: number;
}

export const OVERVIEW_DEFAULT_MINUTES = 60;
/** As far back as samples are kept (METRIC_SAMPLES_RETENTION_HOURS). */
export const OVERVIEW_MAX_MINUTES = 24 * 60;
const MIN_MINUTES = 5;
/** A chart shows at most this many points; a longer range takes wider slots. */
const MAX_POINTS = 180;

/**
 * `?minutes=` of `GET /api/overview` as a window ending with the slot that holds `now`. Slots
 * are whole minutes (one minute up to 3 hours), aligned to the epoch so that every poll lands
 * samples in the same slots.
 */
export function overviewWindow(minutesParam: unknown, now: Date): OverviewWindow {
  const minutes = parseMinutes(minutesParam);
  const stepSeconds = 60 * Math.ceil(minutes / MAX_POINTS);
  const points = Math.ceil(minutes / (stepSeconds / 60));
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const to = (Math.floor(nowSeconds / stepSeconds) + 1) * stepSeconds;
  return { minutes, stepSeconds, from: to - points * stepSeconds, to, points };
}

function parseMinutes(raw: unknown): number {
  if (raw === undefined || raw === '') return OVERVIEW_DEFAULT_MINUTES;
  const value = typeof raw === 'string' && /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < MIN_MINUTES || value > OVERVIEW_MAX_MINUTES) {
    throw new BadRequestException(
      `minutes must be a whole number from ${MIN_MINUTES} to ${OVERVIEW_MAX_MINUTES} (the samples kept)`,
    );
  }
  return value;
}
