import type {
  AccountRecord,
  ContactRecord,
  PaymentMethodRecord,
  SubscriptionVersionRecord,
} from '../store/sandbox.records';

// Object Query names fields after the data model (e.g. a contact's `postalCode`), not after the
// v1 GET responses; these views build those records.

export type QueryRecord = Record<string, unknown>;

function customFields(fields: Record<string, unknown>): QueryRecord {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => /__(c|NS)$/.test(name)));
}

export function queryAccount(account: AccountRecord): QueryRecord {
  const { basicInfo: info, billingAndPayment: billing } = account;
  return {
    id: info.id,
    accountNumber: info.accountNumber,
    name: info.name,
    status: info.status,
    crmId: info.crmId,
    batch: info.batch,
    notes: info.notes,
    salesRep: info.salesRep,
    parentId: info.parentId,
    currency: billing.currency,
    billCycleDay: billing.billCycleDay,
    paymentTerm: billing.paymentTerm,
    paymentGateway: billing.paymentGateway,
    autoPay: billing.autoPay,
    defaultPaymentMethodId: billing.defaultPaymentMethodId,
    billToId: account.billToContact?.id ?? null,
    soldToId: account.soldToContact?.id ?? null,
    balance: 0,
    createdDate: account.createdDate,
    updatedDate: account.updatedDate,
    ...customFields(info),
  };
}

export function queryContact(contact: ContactRecord, accountId: string): QueryRecord {
  return {
    id: contact.id,
    accountId,
    firstName: contact.firstName,
    lastName: contact.lastName,
    nickname: contact.nickname,
    workEmail: contact.workEmail,
    personalEmail: contact.personalEmail,
    address1: contact.address1,
    address2: contact.address2,
    city: contact.city,
    state: contact.state,
    postalCode: contact.zipCode,
    county: contact.county,
    country: contact.country,
    workPhone: contact.workPhone,
    mobilePhone: contact.mobilePhone,
    homePhone: contact.homePhone,
    ...customFields(contact),
  };
}

export function querySubscription(sub: SubscriptionVersionRecord): QueryRecord {
  return {
    id: sub.id,
    name: sub.subscriptionNumber,
    accountId: sub.accountId,
    invoiceOwnerId: sub.invoiceOwnerAccountId,
    status: sub.status,
    version: sub.version,
    termType: sub.termType,
    subscriptionStartDate: sub.subscriptionStartDate,
    subscriptionEndDate: sub.subscriptionEndDate,
    termStartDate: sub.termStartDate,
    termEndDate: sub.termEndDate,
    autoRenew: sub.autoRenew,
    currentTerm: sub.currentTerm,
    currentTermPeriodType: sub.currentTermPeriodType,
    cancelledDate: sub.status === 'Cancelled' ? sub.subscriptionEndDate : null,
    createdDate: sub.createdDate,
    updatedDate: sub.updatedDate,
    ...customFields(sub),
  };
}

export function queryPaymentMethod(pm: PaymentMethodRecord): QueryRecord {
  return {
    id: pm.id,
    accountId: pm.accountId,
    type: pm.type,
    status: pm.status,
    creditCardMaskNumber: pm.cardNumber,
    creditCardType: pm.creditCardType,
    creditCardExpirationMonth: pm.expirationMonth,
    creditCardExpirationYear: pm.expirationYear,
    createdDate: pm.createdDate,
    updatedDate: pm.updatedDate,
  };
}
