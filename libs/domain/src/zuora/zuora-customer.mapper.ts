import type { CustomerContact } from '../subscription/subscription.model';
import { blankToNull } from '../text/blank-to-null';
import type { ZuoraAccount, ZuoraContact } from './zuora.types';

/** Rule 4: the customer's name and email come from the bill-to contact. */
export function mapZuoraCustomer(account: ZuoraAccount): CustomerContact {
  const contact = account.billToContact;
  return {
    name: contactName(contact) ?? blankToNull(account.basicInfo.name),
    email: blankToNull(contact?.workEmail) ?? blankToNull(contact?.personalEmail),
  };
}

function contactName(contact: ZuoraContact | null): string | null {
  if (contact === null) return null;
  const parts = [contact.firstName, contact.lastName].map(blankToNull).filter((p) => p !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}
