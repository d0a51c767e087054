import type { SandboxStore } from '../store/sandbox.store';
import { addMonths, type IsoDate } from '../util/dates';
import { ZUORA_SANDBOX_DEMO as DEMO } from './demo.constants';

const at = (date: IsoDate, time = '09:30:00'): string => `${date}T${time}.000Z`;

export function seedDemoAccounts(store: SandboxStore, today: IsoDate): void {
  const field = DEMO.externalIdField;
  store.putAccount(DEMO.accounts.hartley, {
    basicInfo: {
      name: 'Amelia Hartley',
      crmId: '0014J00000Zx8QaQAJ',
      [field]: 'idp|7f3c9a1e-amelia-hartley',
      MarketingOptIn__c: true,
    },
    billingAndPayment: {
      currency: 'GBP',
      billCycleDay: Number(addMonths(today, -3).slice(8, 10)),
      paymentTerm: 'Due Upon Receipt',
      autoPay: true,
      paymentGateway: 'Stripe UK',
    },
    billToContact: {
      firstName: 'Amelia',
      lastName: 'Hartley',
      workEmail: 'amelia.hartley@example.co.uk',
      address1: '221B Baker Street',
      address2: 'Marylebone',
      city: 'London',
      state: 'Greater London',
      zipCode: 'NW1 6XE',
      country: 'United Kingdom',
      mobilePhone: '+44 7700 900271',
    },
    soldToContact: {
      firstName: 'Amelia',
      lastName: 'Hartley',
      workEmail: 'amelia.hartley@example.co.uk',
      address1: 'Flat 4',
      address2: '12 Kensington Gardens Square',
      city: 'London',
      state: 'Greater London',
      zipCode: 'W2 4BH',
      country: 'United Kingdom',
    },
    createdDate: at(addMonths(today, -15)),
  });
  store.replacePaymentMethods(DEMO.accounts.hartley, [
    {
      cardNumber: '4242424242424242',
      creditCardType: 'Visa',
      expirationMonth: 8,
      expirationYear: Number(today.slice(0, 4)) + 4,
      isDefault: true,
      bankIdentificationNumber: '424242',
    },
    {
      cardNumber: '5555555555554444',
      creditCardType: 'MasterCard',
      expirationMonth: 3,
      expirationYear: Number(today.slice(0, 4)) + 1,
      bankIdentificationNumber: '555555',
    },
  ]);

  store.putAccount(DEMO.accounts.chen, {
    basicInfo: { name: 'Marcus Chen', [field]: 'idp|2b8e41d0-marcus-chen' },
    billingAndPayment: {
      currency: 'USD',
      billCycleDay: 15,
      paymentTerm: 'Net 30',
      paymentGateway: 'Stripe US',
    },
    billToContact: {
      firstName: 'Marcus',
      lastName: 'Chen',
      workEmail: 'marcus.chen@example.com',
      address1: '500 Howard Street',
      address2: 'Suite 300',
      city: 'San Francisco',
      state: 'California',
      zipCode: '94105',
      county: 'San Francisco',
      country: 'United States',
      workPhone: '+1 415 555 0172',
    },
    soldToContact: {
      firstName: 'Marcus',
      lastName: 'Chen',
      workEmail: 'marcus.chen@example.com',
      address1: '500 Howard Street',
      address2: 'Suite 300',
      city: 'San Francisco',
      state: 'California',
      zipCode: '94105',
      country: 'United States',
    },
    createdDate: at(addMonths(today, -8)),
  });
  store.replacePaymentMethods(DEMO.accounts.chen, [
    {
      cardNumber: '378282246310005',
      creditCardType: 'AmericanExpress',
      expirationMonth: 11,
      expirationYear: Number(today.slice(0, 4)) + 2,
      isDefault: true,
    },
  ]);

  store.putAccount(DEMO.accounts.muller, {
    basicInfo: { name: 'Sophie Müller', crmId: '0014J00000Yq2LmQAB' },
    billingAndPayment: { currency: 'EUR', billCycleDay: 1, paymentGateway: 'Adyen EU' },
    billToContact: {
      firstName: 'Sophie',
      lastName: 'Müller',
      workEmail: 'sophie.mueller@example.de',
      address1: 'Leopoldstraße 42',
      address2: '',
      city: 'München',
      state: 'Bavaria',
      zipCode: '80802',
      country: 'Germany',
    },
    soldToContact: null,
    createdDate: at(addMonths(today, -7)),
  });
  store.replacePaymentMethods(DEMO.accounts.muller, [
    {
      cardNumber: '5454545454545454',
      creditCardType: 'MasterCard',
      expirationMonth: 6,
      expirationYear: Number(today.slice(0, 4)) + 3,
      isDefault: true,
    },
  ]);

  const oconnorContact = {
    firstName: 'Liam',
    lastName: "O'Connor",
    workEmail: 'liam.oconnor@example.ie',
    address1: '14 Merrion Square',
    address2: null,
    city: 'Dublin',
    state: 'County Dublin',
    zipCode: 'D02 XY45',
    country: 'Ireland',
  };
  store.putAccount(DEMO.accounts.oconnor, {
    basicInfo: { name: "Liam O'Connor", [field]: 'idp|shared-0001' },
    billingAndPayment: { currency: 'EUR', billCycleDay: Number(addMonths(today, -5).slice(8, 10)) },
    billToContact: oconnorContact,
    soldToContact: oconnorContact,
    createdDate: at(addMonths(today, -5)),
  });
  store.replacePaymentMethods(DEMO.accounts.oconnor, [
    {
      cardNumber: '4000056655665556',
      creditCardType: 'Visa',
      expirationMonth: 1,
      expirationYear: Number(today.slice(0, 4)) + 2,
      isDefault: true,
    },
  ]);

  const rahmanContact = {
    firstName: 'Noor',
    lastName: 'Rahman',
    workEmail: 'noor.rahman@example.co.uk',
    address1: '7 Deansgate',
    address2: null,
    city: 'Manchester',
    state: 'Greater Manchester',
    zipCode: 'M3 2BW',
    country: 'United Kingdom',
  };
  store.putAccount(DEMO.accounts.rahman, {
    basicInfo: { name: 'Noor Rahman' },
    billingAndPayment: { currency: 'GBP', billCycleDay: Number(addMonths(today, -5).slice(8, 10)) },
    billToContact: rahmanContact,
    soldToContact: rahmanContact,
    createdDate: at(addMonths(today, -5)),
  });
  store.replacePaymentMethods(DEMO.accounts.rahman, [
    {
      // Stored at the gateway: Zuora knows brand and expiry, not the digits (its published example).
      type: 'CreditCardReferenceTransaction',
      creditCardType: 'Visa',
      expirationMonth: 9,
      expirationYear: Number(today.slice(0, 4)) + 3,
      tokenId: 'pm_1PzRahmanGatewayToken',
      secondTokenId: 'cus_RahmanGatewayCustomer',
      isDefault: true,
    },
    {
      cardNumber: '5454545454545454',
      creditCardType: 'MasterCard',
      expirationMonth: 6,
      expirationYear: Number(today.slice(0, 4)) + 1,
    },
  ]);

  store.putAccount(DEMO.accounts.oconnorDuplicate, {
    basicInfo: {
      name: "Liam O'Connor",
      [field]: 'idp|shared-0001',
      notes: 'Created by support by mistake',
    },
    billingAndPayment: { currency: 'EUR' },
    billToContact: oconnorContact,
    soldToContact: null,
    createdDate: at(addMonths(today, -2)),
  });
}
