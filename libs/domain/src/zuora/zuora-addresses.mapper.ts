import type { Address, AddressType, FieldChange } from '../subscription/subscription.model';
import { diffFields } from '../sync/field-changes';
import { blankToNull } from '../text/blank-to-null';
import type { ZuoraAccount, ZuoraContact } from './zuora.types';

/**
 * Rule 3: the bill-to contact gives the billing address and the sold-to contact the shipping
 * address. Values are kept as Zuora holds them (country and state are full names such as
 * "United Kingdom"); blank values become null, and a contact without any address field gives no
 * address at all.
 */
export function mapZuoraAddresses(account: ZuoraAccount): Address[] {
  return [
    toAddress('billing', account.billToContact),
    toAddress('shipping', account.soldToContact),
  ].filter((address) => address !== null);
}

/** Field changes between two address lists, named `addresses.<type>.<field>`. */
export function diffAddresses(before: Address[], after: Address[]): FieldChange[] {
  return ADDRESS_TYPES.flatMap((type) => {
    const previous = before.find((address) => address.type === type);
    const next = after.find((address) => address.type === type);
    if (previous === undefined && next === undefined) return [];
    // A removed address reads as every field going to null.
    return diffFields(
      `addresses.${type}`,
      previous === undefined ? null : addressFields(previous),
      next === undefined ? NO_ADDRESS : addressFields(next),
    );
  });
}

const ADDRESS_TYPES: readonly AddressType[] = ['billing', 'shipping'];

type AddressFields = Omit<Address, 'type'>;

const NO_ADDRESS: AddressFields = {
  line1: null,
  line2: null,
  city: null,
  state: null,
  postalCode: null,
  country: null,
};

function toAddress(type: AddressType, contact: ZuoraContact | null): Address | null {
  if (contact === null) return null;
  const fields: AddressFields = {
    line1: blankToNull(contact.address1),
    line2: blankToNull(contact.address2),
    city: blankToNull(contact.city),
    state: blankToNull(contact.state),
    postalCode: blankToNull(contact.zipCode),
    country: blankToNull(contact.country),
  };
  return Object.values(fields).every((value) => value === null) ? null : { type, ...fields };
}

function addressFields({ type: _type, ...fields }: Address): AddressFields {
  return fields;
}
