import type { Response } from 'express';
import type { StripeSandboxStore } from '../store/sandbox.store';
import { applyExpand, ExpandError } from '../views/expand';
import type { WireValue } from '../views/wire';
import { invalidRequest } from './stripe-errors';

/** Answers a rendered object or list after applying `expand[]`. */
export function sendExpanded(
  res: Response,
  value: unknown,
  expand: string[],
  store: StripeSandboxStore,
): void {
  const body = value as WireValue;
  try {
    applyExpand(body, expand, store);
  } catch (error) {
    if (error instanceof ExpandError) throw invalidRequest(error.message);
    throw error;
  }
  res.json(body);
}
