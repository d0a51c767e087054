import { aZuoraAccount } from '../../test/zuora-fixtures';
import type { Address } from '../subscription/subscription.model';
import type { ZuoraContact } from './zuora.types';
import { diffAddresses, mapZuoraAddresses } from './zuora-addresses.mapper';

const billing: Address = {
  type: 'billing',
  line1: '1 High Street',
  line2: null,
  city: 'London',
  state: 'Greater London',
  postalCode: 'SW1A 1AA',
  country: 'United Kingdom',
};
const shipping: Address = { ...billing, type: 'shipping', line1: '2 Low Road' };

const noAddress: Partial<ZuoraContact> = {
  address1: null,
  address2: '',
  city: ' ',
  state: null,
  zipCode: '',
  country: null,
};

describe('mapZuoraAddresses', () => {
  it.each<[string, Partial<ZuoraContact> | null, Partial<ZuoraContact> | null, Address[]]>([
    ['bill-to is billing, sold-to is shipping', {}, {}, [billing, shipping]],
    [
      'names are kept as Zuora gives them, not turned into ISO codes',
      { state: 'New York', country: 'United States', zipCode: '10001', city: 'New York' },
      null,
      [
        {
          ...billing,
          city: 'New York',
          state: 'New York',
          postalCode: '10001',
          country: 'United States',
        },
      ],
    ],
    [
      'blank values become null',
      { address2: '', state: '  ', zipCode: '' },
      {},
      [{ ...billing, line2: null, state: null, postalCode: null }, shipping],
    ],
    ['a contact with no address fields gives no address', noAddress, {}, [shipping]],
    ['no contacts give no addresses', null, null, []],
    ['a sold-to contact alone gives a shipping address', null, {}, [shipping]],
  ])('%s', (_case, billTo, soldTo, expected) => {
    // given an account with these contacts, when mapped, then:
    expect(mapZuoraAddresses(aZuoraAccount(billTo, soldTo))).toEqual(expected);
  });
});

describe('diffAddresses', () => {
  it.each<[string, Address[], Address[], unknown[]]>([
    ['nothing changed', [billing, shipping], [shipping, billing], []],
    [
      'a moved city and postcode',
      [billing],
      [{ ...billing, city: 'Bristol', postalCode: 'BS1 4DJ' }],
      [
        { field: 'addresses.billing.city', before: 'London', after: 'Bristol' },
        { field: 'addresses.billing.postalCode', before: 'SW1A 1AA', after: 'BS1 4DJ' },
      ],
    ],
    [
      'an added shipping address lists its set fields',
      [billing],
      [billing, { ...shipping, line1: '2 Low Road', state: null }],
      [
        { field: 'addresses.shipping.line1', before: null, after: '2 Low Road' },
        { field: 'addresses.shipping.city', before: null, after: 'London' },
        { field: 'addresses.shipping.postalCode', before: null, after: 'SW1A 1AA' },
        { field: 'addresses.shipping.country', before: null, after: 'United Kingdom' },
      ],
    ],
    [
      'a removed shipping address lists its fields going to null',
      [billing, { ...shipping, line2: null, state: null, postalCode: null, city: null }],
      [billing],
      [
        { field: 'addresses.shipping.line1', before: '2 Low Road', after: null },
        { field: 'addresses.shipping.country', before: 'United Kingdom', after: null },
      ],
    ],
  ])('%s', (_case, before, after, expected) => {
    expect(diffAddresses(before, after)).toEqual(expected);
  });
});
