import { addDays, addMonths, type IsoDate } from '../util/dates';
import type {
  ParsedAccount,
  ParsedCharge,
  ParsedContact,
  ParsedOrder,
  ParsedPaymentMethod,
  ParsedRatePlan,
  ParsedSubscription,
} from './sandbox.inputs';
import type {
  AccountRecord,
  ChargeSegmentRecord,
  ContactRecord,
  OrderRecord,
  PaymentMethodRecord,
  RatePlanRecord,
  SubscriptionVersionRecord,
} from './sandbox.records';

// Turns admin/seed inputs into complete records, filling what Zuora would fill.

export interface BuildContext {
  /** Makes an id; `label` lets the seed derive stable ids, the admin API ignores it. */
  id: (label: string) => string;
  today: IsoDate;
  /** ISO timestamp of "now". */
  now: string;
}

/** Known fields first (in Zuora's order), then any extra fields the input carries. */
function withExtras<T extends object>(known: T, input: object): T {
  return { ...known, ...input, ...known };
}

export function buildContact(
  input: ParsedContact,
  ctx: BuildContext,
  label: string,
): ContactRecord {
  return withExtras(
    {
      id: input.id ?? ctx.id(label),
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      nickname: input.nickname ?? null,
      workEmail: input.workEmail ?? null,
      personalEmail: input.personalEmail ?? null,
      address1: input.address1 ?? null,
      address2: input.address2 ?? null,
      city: input.city ?? null,
      state: input.state ?? null,
      zipCode: input.zipCode ?? null,
      county: input.county ?? null,
      country: input.country ?? null,
      workPhone: input.workPhone ?? null,
      mobilePhone: input.mobilePhone ?? null,
      homePhone: input.homePhone ?? null,
    },
    input,
  );
}

export function buildAccount(
  accountNumber: string,
  input: ParsedAccount,
  ctx: BuildContext,
): AccountRecord {
  const basic = input.basicInfo ?? {};
  const billing = input.billingAndPayment ?? {};
  const createdDate = input.createdDate ?? ctx.now;
  return {
    basicInfo: withExtras(
      {
        id: basic.id ?? ctx.id(`account/${accountNumber}`),
        accountNumber,
        name: basic.name ?? accountNumber,
        status: basic.status ?? 'Active',
        crmId: basic.crmId ?? null,
        batch: basic.batch ?? 'Batch1',
        notes: basic.notes ?? null,
        salesRep: basic.salesRep ?? null,
        parentId: basic.parentId ?? null,
      },
      basic,
    ),
    billingAndPayment: withExtras(
      {
        billCycleDay: billing.billCycleDay ?? 1,
        currency: billing.currency ?? 'USD',
        paymentTerm: billing.paymentTerm ?? 'Due Upon Receipt',
        paymentGateway: billing.paymentGateway ?? null,
        autoPay: billing.autoPay ?? false,
        defaultPaymentMethodId: billing.defaultPaymentMethodId ?? null,
        invoiceDeliveryPrefsEmail: billing.invoiceDeliveryPrefsEmail ?? true,
        invoiceDeliveryPrefsPrint: billing.invoiceDeliveryPrefsPrint ?? false,
        additionalEmailAddresses: billing.additionalEmailAddresses ?? [],
      },
      billing,
    ),
    billToContact: input.billToContact
      ? buildContact(input.billToContact, ctx, `contact/${accountNumber}/billTo`)
      : null,
    soldToContact: input.soldToContact
      ? buildContact(input.soldToContact, ctx, `contact/${accountNumber}/soldTo`)
      : null,
    createdDate,
    updatedDate: ctx.now,
  };
}

interface SubscriptionFrame {
  subscriptionNumber: string;
  /** Segments of one charge share an `originalChargeId`. */
  originalChargeIds: Map<string, string>;
  version: number;
  currency: string;
  termStartDate: IsoDate | null;
  termEndDate: IsoDate | null;
}

function buildCharge(
  input: ParsedCharge,
  frame: SubscriptionFrame,
  productRatePlanId: string,
  label: string,
  nextChargeNumber: () => string,
  ctx: BuildContext,
): ChargeSegmentRecord {
  const type = input.type ?? 'Recurring';
  const recurring = type === 'Recurring';
  const currency = input.currency ?? frame.currency;
  const start = input.effectiveStartDate ?? frame.termStartDate ?? ctx.today;
  const number = input.number ?? nextChargeNumber();
  const price = input.price === undefined ? 0 : input.price;
  const originalChargeId =
    input.originalChargeId ??
    frame.originalChargeIds.get(number) ??
    ctx.id(`${frame.subscriptionNumber}/charge/${number}`);
  frame.originalChargeIds.set(number, originalChargeId);
  // A stored GET response may carry rendered-only fields; they are recomputed on every read.
  const { chargeSegments: _segments, ...fields } = input;
  return withExtras(
    {
      id: input.id ?? ctx.id(`${label}/v${frame.version}`),
      originalChargeId,
      productRatePlanChargeId:
        input.productRatePlanChargeId ?? ctx.id(`prpc/${productRatePlanId}/${input.name}`),
      number,
      name: input.name,
      description: input.description ?? null,
      type,
      model: input.model ?? 'FlatFee',
      price,
      quantity: input.quantity === undefined ? 1 : input.quantity,
      currency,
      billingPeriod:
        input.billingPeriod === undefined ? (recurring ? 'Month' : null) : input.billingPeriod,
      billingTiming: input.billingTiming ?? (recurring ? 'IN_ADVANCE' : null),
      billingDay: input.billingDay ?? 'DefaultFromCustomer',
      effectiveStartDate: start,
      effectiveEndDate:
        input.effectiveEndDate === undefined
          ? recurring
            ? frame.termEndDate
            : addDays(start, 1)
          : input.effectiveEndDate,
      chargedThroughDate: input.chargedThroughDate ?? null,
      processedThroughDate: input.processedThroughDate ?? null,
      triggerEvent: input.triggerEvent ?? 'ContractEffective',
      endDateCondition: input.endDateCondition ?? (recurring ? 'Subscription_End' : 'One_Time'),
      segment: input.segment ?? 1,
      version: input.version ?? frame.version,
      done: input.done ?? false,
      uom: input.uom ?? null,
      pricingSummary: price === null ? '' : `${currency}${price.toFixed(2)}`,
    },
    fields,
  );
}

function buildRatePlan(
  input: ParsedRatePlan,
  frame: SubscriptionFrame,
  index: number,
  nextChargeNumber: () => string,
  ctx: BuildContext,
): RatePlanRecord {
  const label = `${frame.subscriptionNumber}/rp${index}`;
  const productId = input.productId ?? ctx.id(`product/${input.productName}`);
  const productRatePlanId =
    input.productRatePlanId ?? ctx.id(`prp/${input.productName}/${input.ratePlanName}`);
  return withExtras(
    {
      id: input.id ?? ctx.id(`${label}/v${frame.version}`),
      productId,
      productName: input.productName,
      productSku: input.productSku ?? `SKU-${productId.slice(-8).toUpperCase()}`,
      productRatePlanId,
      ratePlanName: input.ratePlanName,
      lastChangeType: input.lastChangeType ?? null,
      ratePlanCharges: input.ratePlanCharges.map((charge, c) =>
        buildCharge(charge, frame, productRatePlanId, `${label}/c${c}`, nextChargeNumber, ctx),
      ),
    },
    input,
  );
}

export interface SubscriptionOwner {
  accountId: string;
  accountNumber: string;
  accountName: string;
  currency: string;
}

export function buildSubscriptionVersion(
  subscriptionNumber: string,
  version: number,
  input: ParsedSubscription,
  owner: SubscriptionOwner,
  nextChargeNumber: () => string,
  ctx: BuildContext,
): SubscriptionVersionRecord {
  const termType = input.termType ?? 'TERMED';
  const termed = termType === 'TERMED';
  const termStartDate = input.termStartDate === undefined ? ctx.today : input.termStartDate;
  const currentTerm = input.currentTerm === undefined ? (termed ? 12 : null) : input.currentTerm;
  const termEndDate =
    input.termEndDate === undefined
      ? termed && termStartDate
        ? addMonths(termStartDate, currentTerm ?? 12)
        : null
      : input.termEndDate;
  const subscriptionStartDate =
    input.subscriptionStartDate === undefined ? termStartDate : input.subscriptionStartDate;
  const contractEffectiveDate =
    input.contractEffectiveDate === undefined ? subscriptionStartDate : input.contractEffectiveDate;
  const currency = input.currency ?? owner.currency;
  const frame: SubscriptionFrame = {
    subscriptionNumber,
    originalChargeIds: new Map(),
    version,
    currency,
    termStartDate,
    termEndDate,
  };
  const periodType = termed ? 'Month' : null;
  const { success: _success, isLatestVersion: _latest, ...fields } = input;
  return withExtras(
    {
      id: input.id ?? ctx.id(`${subscriptionNumber}/v${version}`),
      subscriptionNumber,
      accountId: owner.accountId,
      accountNumber: owner.accountNumber,
      accountName: owner.accountName,
      invoiceOwnerAccountId: owner.accountId,
      invoiceOwnerAccountNumber: owner.accountNumber,
      invoiceOwnerAccountName: owner.accountName,
      version,
      revision: `${version}.0`,
      status: input.status ?? 'Active',
      termType,
      contractEffectiveDate,
      serviceActivationDate:
        input.serviceActivationDate === undefined
          ? contractEffectiveDate
          : input.serviceActivationDate,
      customerAcceptanceDate:
        input.customerAcceptanceDate === undefined
          ? contractEffectiveDate
          : input.customerAcceptanceDate,
      subscriptionStartDate,
      subscriptionEndDate:
        input.subscriptionEndDate === undefined ? termEndDate : input.subscriptionEndDate,
      termStartDate,
      termEndDate,
      initialTerm: input.initialTerm === undefined ? currentTerm : input.initialTerm,
      initialTermPeriodType:
        input.initialTermPeriodType === undefined ? periodType : input.initialTermPeriodType,
      currentTerm,
      currentTermPeriodType:
        input.currentTermPeriodType === undefined ? periodType : input.currentTermPeriodType,
      renewalTerm: input.renewalTerm === undefined ? currentTerm : input.renewalTerm,
      renewalTermPeriodType:
        input.renewalTermPeriodType === undefined ? periodType : input.renewalTermPeriodType,
      autoRenew: input.autoRenew ?? termed,
      renewalSetting: input.renewalSetting ?? 'RENEW_WITH_SPECIFIC_TERM',
      cancelReason: input.cancelReason ?? null,
      currency,
      notes: input.notes ?? null,
      paymentTerm: input.paymentTerm ?? null,
      invoiceSeparately: input.invoiceSeparately ?? false,
      orderNumber: input.orderNumber ?? null,
      externallyManagedBy: input.externallyManagedBy ?? null,
      ratePlans: (input.ratePlans ?? []).map((plan, index) =>
        buildRatePlan(plan, frame, index, nextChargeNumber, ctx),
      ),
      createdDate: input.createdDate ?? ctx.now,
      updatedDate: input.updatedDate ?? ctx.now,
    },
    fields,
  );
}

/** Zuora shows card numbers masked to the last four digits. */
export function maskCardNumber(cardNumber: string): string {
  if (cardNumber.includes('*')) return cardNumber;
  const digits = cardNumber.replace(/\D/g, '');
  return `************${digits.slice(-4)}`;
}

export function buildPaymentMethod(
  input: ParsedPaymentMethod,
  account: AccountRecord,
  paymentMethodNumber: string,
  label: string,
  ctx: BuildContext,
  nowDateTime: string,
): PaymentMethodRecord {
  const type = input.type ?? 'CreditCard';
  const card =
    type === 'CreditCard' || type === 'DebitCard' || type === 'CreditCardReferenceTransaction';
  const holder = account.billToContact;
  return withExtras(
    {
      id: input.id ?? ctx.id(label),
      accountId: account.basicInfo.id,
      paymentMethodNumber,
      type,
      isDefault: input.isDefault ?? false,
      status: input.status ?? 'Active',
      cardNumber: input.cardNumber
        ? maskCardNumber(input.cardNumber)
        : card
          ? '************1111'
          : null,
      creditCardType: input.creditCardType ?? (card ? 'Visa' : null),
      expirationMonth: input.expirationMonth ?? (card ? 12 : null),
      expirationYear: input.expirationYear ?? (card ? Number(ctx.today.slice(0, 4)) + 3 : null),
      bankIdentificationNumber: input.bankIdentificationNumber ?? null,
      accountHolderInfo: input.accountHolderInfo ?? {
        accountHolderName: holder
          ? [holder.firstName, holder.lastName].filter(Boolean).join(' ')
          : account.basicInfo.name,
        email: holder?.workEmail ?? null,
        phone: holder?.workPhone ?? null,
        addressLine1: holder?.address1 ?? null,
        addressLine2: holder?.address2 ?? null,
        city: holder?.city ?? null,
        state: holder?.state ?? null,
        zipCode: holder?.zipCode ?? null,
        country: holder?.country ?? null,
      },
      createdDate: input.createdDate ?? nowDateTime,
      updatedDate: nowDateTime,
    },
    input,
  );
}

export function buildOrder(
  orderNumber: string,
  input: ParsedOrder,
  ctx: BuildContext,
  nowDateTime: string,
): OrderRecord {
  return withExtras(
    {
      orderNumber,
      orderDate: input.orderDate ?? ctx.today,
      createdDate: input.createdDate ?? nowDateTime,
      createdBy: input.createdBy ?? ctx.id('user/api'),
      updatedDate: input.updatedDate ?? input.createdDate ?? nowDateTime,
      updatedBy: input.updatedBy ?? input.createdBy ?? ctx.id('user/api'),
      status: input.status ?? 'Completed',
      category: input.category ?? 'NewSales',
      description: input.description ?? null,
      existingAccountNumber: input.existingAccountNumber,
      currency: input.currency ?? 'USD',
      customFields: input.customFields ?? {},
      subscriptions: input.subscriptions.map((sub, s) => ({
        subscriptionNumber: sub.subscriptionNumber,
        baseVersion: sub.baseVersion ?? null,
        newVersion: sub.newVersion ?? (sub.baseVersion ?? 0) + 1,
        orderActions: sub.orderActions.map((action, a) =>
          withExtras(
            {
              id: action.id ?? ctx.id(`order/${orderNumber}/s${s}/a${a}`),
              type: action.type,
              sequence: action.sequence ?? a,
              changeReason: action.changeReason ?? null,
              customFields: action.customFields ?? {},
              triggerDates: action.triggerDates ?? [
                { name: 'ContractEffective', triggerDate: input.orderDate ?? ctx.today },
                { name: 'ServiceActivation', triggerDate: input.orderDate ?? ctx.today },
                { name: 'CustomerAcceptance', triggerDate: input.orderDate ?? ctx.today },
              ],
            },
            action,
          ),
        ),
      })),
    },
    input,
  );
}
