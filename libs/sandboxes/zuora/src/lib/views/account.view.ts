import type { AccountRecord, PaymentMethodRecord } from '../store/sandbox.records';

/** The body of `GET /v1/accounts/{key}`. */
export function renderAccount(account: AccountRecord): Record<string, unknown> {
  return {
    success: true,
    basicInfo: account.basicInfo,
    billingAndPayment: account.billingAndPayment,
    metrics: {
      balance: 0,
      currency: account.billingAndPayment.currency,
      totalInvoiceBalance: 0,
      creditBalance: 0,
      contractedMrr: 0,
      reservedPaymentAmount: 0,
    },
    billToContact: account.billToContact,
    soldToContact: account.soldToContact,
    taxInfo: null,
  };
}

function renderPaymentMethodFields(pm: PaymentMethodRecord): Record<string, unknown> {
  const { accountId, ...fields } = pm;
  return {
    ...fields,
    accountKey: accountId,
    mandateInfo: {
      mitProfileAction: null,
      mitProfileType: null,
      mitConsentAgreementSrc: null,
      mitConsentAgreementRef: null,
      mitTransactionId: null,
      mitProfileAgreedOn: null,
      mandateStatus: null,
      mandateReason: null,
      mandateId: null,
    },
    identityNumber: null,
    lastTransaction: null,
    lastTransactionDateTime: null,
    lastTransactionStatus: null,
    lastFailedSaleTransactionDate: null,
    numConsecutiveFailures: 0,
    maxConsecutivePaymentFailures: null,
    paymentRetryWindow: null,
    totalNumberOfProcessedPayments: 0,
    totalNumberOfErrorPayments: 0,
    useDefaultRetryRule: true,
    deviceSessionId: null,
    ipAddress: null,
    existingMandate: null,
    createdBy: '8ad0000000000000000000000000api1',
    updatedBy: '8ad0000000000000000000000000api1',
  };
}

/** The body of `GET /v1/accounts/{key}/payment-methods`: methods grouped by lower-cased type. */
export function renderAccountPaymentMethods(
  account: AccountRecord,
  methods: PaymentMethodRecord[],
): Record<string, unknown> {
  const grouped: Record<string, unknown[]> = {};
  for (const pm of methods) {
    const key = pm.type.toLowerCase();
    (grouped[key] ??= []).push(renderPaymentMethodFields(pm));
  }
  return {
    ...grouped,
    defaultPaymentMethodId: account.billingAndPayment.defaultPaymentMethodId,
    paymentGateway: account.billingAndPayment.paymentGateway,
    success: true,
  };
}

/** The body of `GET /v1/payment-methods/{id}`. */
export function renderPaymentMethod(pm: PaymentMethodRecord): Record<string, unknown> {
  return {
    ...renderPaymentMethodFields(pm),
    accountId: pm.accountId,
    creditCardMaskNumber: pm.cardNumber,
    success: true,
  };
}
