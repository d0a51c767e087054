import { SandboxInputError } from '@subsync/sandbox-kit';
import type { ParsedCard } from './sandbox.inputs';
import type { AddressRecord, CardRecord } from './sandbox.records';

/**
 * One resource's records by id, the part every collection shares; a missing record is Stripe's
 * 404 `no <noun> '<id>'`.
 */
export abstract class RecordCollection<R extends { id: string }> {
  protected readonly records = new Map<string, R>();

  constructor(private readonly noun: string) {}

  clear(): void {
    this.records.clear();
  }

  find(id: string): R | undefined {
    return this.records.get(id);
  }

  list(): R[] {
    return [...this.records.values()];
  }

  require(id: string): R {
    const record = this.records.get(id);
    if (!record) throw new SandboxInputError(`no ${this.noun} '${id}'`, 404);
    return record;
  }
}

const ID_PATTERN = /^[a-z]+_[A-Za-z0-9_]+$/;

/** An id given by hand must look like Stripe's: the resource's prefix, `_`, then [A-Za-z0-9_]. */
export function checkId(id: string, prefix: string): void {
  if (!ID_PATTERN.test(id) || !id.startsWith(`${prefix}_`)) {
    throw new SandboxInputError(
      `'${id}' is not a valid id: expected '${prefix}_' then letters, digits or _`,
    );
  }
}

export function address(input: Partial<AddressRecord> | null | undefined): AddressRecord | null {
  if (!input) return null;
  return {
    line1: input.line1 ?? null,
    line2: input.line2 ?? null,
    city: input.city ?? null,
    state: input.state ?? null,
    postal_code: input.postal_code ?? null,
    country: input.country ?? null,
  };
}

/** A card's stored details, with Stripe's defaults for what the input left out. */
export function cardRecord(card: ParsedCard, fingerprint: string): CardRecord {
  return {
    brand: card.brand,
    last4: card.last4,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    funding: card.funding ?? 'credit',
    country: card.country ?? null,
    fingerprint: card.fingerprint ?? fingerprint,
  };
}

/** Stripe lists newest first; equal `created` falls back to the id, so the order is total. */
export function newestFirst(
  a: { created: number; id: string },
  b: { created: number; id: string },
): number {
  return b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
