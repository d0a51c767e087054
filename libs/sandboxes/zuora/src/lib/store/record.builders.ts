import { withExtras, type BuildContext } from './build-context';
import type {
  ParsedAccount,
  ParsedContact,
  ParsedOrder,
  ParsedPaymentMethod,
} from './sandbox.inputs';
import type {
  AccountRecord,
  ContactRecord,
  OrderRecord,
  PaymentMethodRecord,
} from './sandbox.records';

// Turns account, payment-method and order inputs into complete records, filling what Zuora would fill.

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
      // A tokenised card (reference transaction) has no digits unless given, as in Zuora's example.
      cardNumber: input.cardNumber
        ? maskCardNumber(input.cardNumber)
        : card && type !== 'CreditCardReferenceTransaction'
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
