// The start form's fields to a POST /api/backfills body. Pure, so the unit project tests it.
import type { BackfillRequest, Provider } from '../api/api-types';
import { localInputToIso } from '../format/format';

export interface BackfillFormFields {
  provider: Provider;
  /** `datetime-local` values, blank when unset. */
  updatedSince: string;
  createdFrom: string;
  createdTo: string;
  /** Ids separated by commas, spaces or new lines. */
  accounts: string;
  customers: string;
}

export const EMPTY_BACKFILL_FORM: BackfillFormFields = {
  provider: 'zuora',
  updatedSince: '',
  createdFrom: '',
  createdTo: '',
  accounts: '',
  customers: '',
};

function idList(text: string): string[] {
  return text.split(/[\s,]+/).filter((id) => id !== '');
}

/** Only the fields of the chosen provider, and only those filled in; the gateway checks them. */
export function backfillRequestOf(fields: BackfillFormFields): BackfillRequest {
  const filter: BackfillRequest['filter'] = {};
  const instant = (value: string) => localInputToIso(value) || undefined;
  if (fields.provider === 'zuora') {
    const updatedSince = instant(fields.updatedSince);
    if (updatedSince !== undefined) filter.updatedSince = updatedSince;
    const accounts = idList(fields.accounts);
    if (accounts.length > 0) filter.accounts = accounts;
  } else {
    const createdFrom = instant(fields.createdFrom);
    const createdTo = instant(fields.createdTo);
    if (createdFrom !== undefined) filter.createdFrom = createdFrom;
    if (createdTo !== undefined) filter.createdTo = createdTo;
    const customers = idList(fields.customers);
    if (customers.length > 0) filter.customers = customers;
  }
  return { provider: fields.provider, filter };
}
