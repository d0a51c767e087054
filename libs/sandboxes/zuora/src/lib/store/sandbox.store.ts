import { parseInput, SandboxInputError } from '@subsync/sandbox-kit';
import { isoDate, zuoraDateTime } from '../util/dates';
import { randomZuoraId } from '../util/ids';
import type { BuildContext } from './build-context';
import { buildAccount, buildOrder, buildPaymentMethod } from './record.builders';
import { buildSubscriptionVersion } from './subscription.builder';
import {
  accountInputSchema,
  orderInputSchema,
  paymentMethodInputSchema,
  subscriptionInputSchema,
  subscriptionPatchSchema,
  type AccountInput,
  type ChargePatch,
  type OrderInput,
  type ParsedAccount,
  type ParsedPaymentMethod,
  type ParsedSubscription,
  type PaymentMethodInput,
  type SubscriptionInput,
  type SubscriptionPatch,
} from './sandbox.inputs';
import type {
  AccountRecord,
  OrderRecord,
  PaymentMethodRecord,
  RatePlanRecord,
  SubscriptionVersionRecord,
} from './sandbox.records';

/**
 * The sandbox tenant's data. Subscriptions keep every version; each version has its own id, and
 * lookups by any version's id or by number resolve to the subscription.
 */
export class SandboxStore {
  private accounts = new Map<string, AccountRecord>(); // by account id
  private accountNumberIndex = new Map<string, string>(); // account number -> id
  private subscriptions = new Map<string, SubscriptionVersionRecord[]>(); // by number, oldest first
  private subscriptionIdIndex = new Map<string, string>(); // any version id -> number
  private paymentMethods = new Map<string, PaymentMethodRecord>(); // by id, insertion order
  private orders = new Map<string, OrderRecord>();
  private chargeCounter = 0;
  private paymentMethodCounter = 0;
  private idFactory: (label: string) => string = () => randomZuoraId();

  constructor(private readonly clock: () => Date) {}

  /** Empties the store. */
  clear(): void {
    this.accounts.clear();
    this.accountNumberIndex.clear();
    this.subscriptions.clear();
    this.subscriptionIdIndex.clear();
    this.paymentMethods.clear();
    this.orders.clear();
    this.chargeCounter = 0;
    this.paymentMethodCounter = 0;
  }

  /** Runs `fill` with ids derived from labels, so seeded data gets the same ids on every run. */
  withIdFactory(factory: (label: string) => string, fill: () => void): void {
    const previous = this.idFactory;
    this.idFactory = factory;
    try {
      fill();
    } finally {
      this.idFactory = previous;
    }
  }

  /** The store's clock, now. */
  now(): Date {
    return this.clock();
  }

  today(): string {
    return isoDate(this.clock());
  }

  private context(): BuildContext {
    const now = this.clock();
    return { id: (label) => this.idFactory(label), today: isoDate(now), now: now.toISOString() };
  }

  // ---- accounts ----

  findAccount(key: string): AccountRecord | undefined {
    const byId = this.accounts.get(key);
    if (byId) return byId;
    // An index, not a scan: a bulk-seeded tenant has a hundred thousand accounts.
    const id = this.accountNumberIndex.get(key);
    return id === undefined ? undefined : this.accounts.get(id);
  }

  listAccounts(): AccountRecord[] {
    return [...this.accounts.values()];
  }

  private requireAccount(key: string): AccountRecord {
    const account = this.findAccount(key);
    if (!account) throw new SandboxInputError(`no account with number or id '${key}'`, 404);
    return account;
  }

  /** Creates or replaces the account with this number (the id is kept on replace). */
  putAccount(accountNumber: string, input: AccountInput): AccountRecord {
    const parsed = parseInput(accountInputSchema, input, 'account');
    const existing = this.findAccount(accountNumber);
    const bodyNumber = parsed.basicInfo?.accountNumber;
    if (bodyNumber !== undefined && bodyNumber !== accountNumber) {
      throw new SandboxInputError(
        `basicInfo.accountNumber '${bodyNumber}' does not match '${accountNumber}'`,
      );
    }
    const basicInfo = { ...parsed.basicInfo, id: parsed.basicInfo?.id ?? existing?.basicInfo.id };
    const record = buildAccount(
      accountNumber,
      { ...parsed, basicInfo, createdDate: existing?.createdDate ?? parsed.createdDate },
      this.context(),
    );
    if (existing && existing.basicInfo.id !== record.basicInfo.id)
      this.accounts.delete(existing.basicInfo.id);
    this.accounts.set(record.basicInfo.id, record);
    this.accountNumberIndex.set(accountNumber, record.basicInfo.id);
    return record;
  }

  /** Merges each given block (`basicInfo`, `billingAndPayment`, contacts) into the account. */
  patchAccount(key: string, patch: AccountInput): AccountRecord {
    const parsed = parseInput(accountInputSchema, patch, 'account patch');
    const current = this.requireAccount(key);
    const merged: ParsedAccount = {
      basicInfo: {
        ...current.basicInfo,
        ...parsed.basicInfo,
        accountNumber: current.basicInfo.accountNumber,
      },
      billingAndPayment: { ...current.billingAndPayment, ...parsed.billingAndPayment },
      billToContact:
        parsed.billToContact === null
          ? null
          : { ...(current.billToContact ?? {}), ...parsed.billToContact },
      soldToContact:
        parsed.soldToContact === null
          ? null
          : { ...(current.soldToContact ?? {}), ...parsed.soldToContact },
      createdDate: current.createdDate,
    };
    if (!current.billToContact && parsed.billToContact === undefined) merged.billToContact = null;
    if (!current.soldToContact && parsed.soldToContact === undefined) merged.soldToContact = null;
    return this.putAccount(current.basicInfo.accountNumber, merged);
  }

  // ---- subscriptions ----

  /** All versions, oldest first, of the subscription with this number or any version's id. */
  subscriptionVersions(key: string): SubscriptionVersionRecord[] | undefined {
    const number = this.subscriptions.has(key) ? key : this.subscriptionIdIndex.get(key);
    return number === undefined ? undefined : this.subscriptions.get(number);
  }

  latestSubscription(key: string): SubscriptionVersionRecord | undefined {
    return this.subscriptionVersions(key)?.at(-1);
  }

  /** Latest versions of the account's subscriptions, most recently updated first. */
  subscriptionsForAccount(accountId: string): SubscriptionVersionRecord[] {
    const latest = [...this.subscriptions.values()]
      .map((versions) => versions.at(-1))
      .filter(
        (sub): sub is SubscriptionVersionRecord => sub !== undefined && sub.accountId === accountId,
      );
    return latest
      .map((sub, order) => ({ sub, order }))
      .sort((a, b) => b.sub.updatedDate.localeCompare(a.sub.updatedDate) || b.order - a.order)
      .map(({ sub }) => sub);
  }

  /** Every version of every subscription: subscriptions oldest first, each's versions in order. */
  allSubscriptionVersions(): SubscriptionVersionRecord[] {
    return [...this.subscriptions.values()].flat();
  }

  /** Subscription numbers, oldest first. */
  subscriptionNumbers(): IterableIterator<string> {
    return this.subscriptions.keys();
  }

  /**
   * Stores `input` as the next version of the subscription (version 1 if it is new), like an
   * amendment: a new id, the previous versions kept.
   */
  putSubscription(subscriptionNumber: string, input: SubscriptionInput): SubscriptionVersionRecord {
    const parsed = parseInput(subscriptionInputSchema, input, 'subscription');
    const versions = this.subscriptions.get(subscriptionNumber) ?? [];
    const id = parsed.id;
    if (id !== undefined && this.subscriptionIdIndex.has(id)) {
      throw new SandboxInputError(`subscription id '${id}' is already used by a version`);
    }
    const record = this.buildVersion(
      subscriptionNumber,
      (versions.at(-1)?.version ?? 0) + 1,
      parsed,
      versions.at(-1),
    );
    this.subscriptions.set(subscriptionNumber, [...versions, record]);
    this.subscriptionIdIndex.set(record.id, subscriptionNumber);
    return record;
  }

  /**
   * Merges top-level fields into the latest version, and `charges` into each of its recurring
   * charge segments. By default the result is stored as a new version: rate plans and charges
   * carried over get new ids (as in Zuora) but keep `originalChargeId`. With `inPlace`, the
   * latest version is changed where it is, as a bill run changes it: its id, version number and
   * every rate plan and charge id stay, and `updatedDate` becomes now.
   */
  patchSubscription(
    key: string,
    patch: SubscriptionPatch,
    options: { inPlace?: boolean } = {},
  ): SubscriptionVersionRecord {
    const current = this.latestSubscription(key);
    if (!current) throw new SandboxInputError(`no subscription with number or id '${key}'`, 404);
    const { charges, ...parsedPatch } = parseInput(
      subscriptionPatchSchema,
      patch,
      'subscription patch',
    );
    const {
      id,
      version,
      revision: _revision,
      createdDate,
      updatedDate: _updated,
      ratePlans,
      ...fields
    } = current;
    const keepIds = options.inPlace === true;
    const carried = {
      ...fields,
      ratePlans: ratePlans.map((plan) => asRatePlanInput(plan, charges, keepIds)),
      createdDate,
    };
    if (!keepIds) {
      return this.putSubscription(current.subscriptionNumber, { ...carried, ...parsedPatch });
    }
    const merged = parseInput(
      subscriptionInputSchema,
      { updatedDate: this.clock().toISOString(), ...carried, ...parsedPatch, id },
      'subscription patch',
    );
    const record = this.buildVersion(current.subscriptionNumber, version, merged, current);
    const versions = this.subscriptions.get(current.subscriptionNumber) ?? [];
    this.subscriptions.set(current.subscriptionNumber, [...versions.slice(0, -1), record]);
    return record;
  }

  private buildVersion(
    subscriptionNumber: string,
    version: number,
    parsed: ParsedSubscription,
    previous: SubscriptionVersionRecord | undefined,
  ): SubscriptionVersionRecord {
    const accountKey = parsed.accountNumber ?? parsed.accountId ?? previous?.accountId;
    if (accountKey === undefined)
      throw new SandboxInputError('accountNumber is required for a new subscription');
    const account = this.requireAccount(accountKey);
    return buildSubscriptionVersion(
      subscriptionNumber,
      version,
      parsed,
      {
        accountId: account.basicInfo.id,
        accountNumber: account.basicInfo.accountNumber,
        accountName: account.basicInfo.name,
        currency: account.billingAndPayment.currency,
      },
      () => this.nextChargeNumber(),
      this.context(),
    );
  }

  private nextChargeNumber(): string {
    this.chargeCounter += 1;
    return `C-${String(this.chargeCounter).padStart(8, '0')}`;
  }

  // ---- payment methods ----

  paymentMethodsForAccount(accountId: string): PaymentMethodRecord[] {
    return [...this.paymentMethods.values()].filter((pm) => pm.accountId === accountId);
  }

  findPaymentMethod(id: string): PaymentMethodRecord | undefined {
    return this.paymentMethods.get(id);
  }

  /** Replaces all of the account's payment methods. */
  replacePaymentMethods(accountKey: string, inputs: PaymentMethodInput[]): PaymentMethodRecord[] {
    const account = this.requireAccount(accountKey);
    if (!Array.isArray(inputs)) throw new SandboxInputError('expected an array of payment methods');
    const parsed = inputs.map((input) =>
      parseInput(paymentMethodInputSchema, input, 'payment method'),
    );
    for (const pm of this.paymentMethodsForAccount(account.basicInfo.id))
      this.paymentMethods.delete(pm.id);
    account.billingAndPayment.defaultPaymentMethodId = null;
    return parsed.map((input) => this.addParsedPaymentMethod(account, input));
  }

  addPaymentMethod(accountKey: string, input: PaymentMethodInput): PaymentMethodRecord {
    const account = this.requireAccount(accountKey);
    return this.addParsedPaymentMethod(
      account,
      parseInput(paymentMethodInputSchema, input, 'payment method'),
    );
  }

  private addParsedPaymentMethod(
    account: AccountRecord,
    input: ParsedPaymentMethod,
  ): PaymentMethodRecord {
    this.paymentMethodCounter += 1;
    const record = buildPaymentMethod(
      input,
      account,
      `PM-${String(this.paymentMethodCounter).padStart(8, '0')}`,
      `payment-method/${account.basicInfo.accountNumber}/${this.paymentMethodCounter}`,
      this.context(),
      zuoraDateTime(this.clock()),
    );
    const others = this.paymentMethodsForAccount(account.basicInfo.id);
    // The first method, or one marked default, becomes the account's default (there is only one).
    if (record.isDefault || others.length === 0) {
      for (const other of others) other.isDefault = false;
      record.isDefault = true;
      account.billingAndPayment.defaultPaymentMethodId = record.id;
    }
    this.paymentMethods.set(record.id, record);
    return record;
  }

  // ---- orders ----

  findOrder(orderNumber: string): OrderRecord | undefined {
    return this.orders.get(orderNumber);
  }

  putOrder(orderNumber: string, input: OrderInput): OrderRecord {
    const parsed = parseInput(orderInputSchema, input, 'order');
    this.requireAccount(parsed.existingAccountNumber);
    const record = buildOrder(orderNumber, parsed, this.context(), zuoraDateTime(this.clock()));
    this.orders.set(orderNumber, record);
    return record;
  }
}

type RatePlanInput = NonNullable<SubscriptionInput['ratePlans']>[number];

/**
 * A stored rate plan as input for a version: ids dropped so a new version gets its own, or kept
 * for an in-place change; `charges` merged into each recurring charge segment.
 */
function asRatePlanInput(
  plan: RatePlanRecord,
  charges: ChargePatch | undefined,
  keepIds: boolean,
): RatePlanInput {
  const { id, ratePlanCharges, ...fields } = plan;
  return {
    ...fields,
    ...(keepIds ? { id } : {}),
    ratePlanCharges: ratePlanCharges.map(
      ({ id: chargeId, pricingSummary: _summary, ...charge }) => ({
        ...charge,
        ...(keepIds ? { id: chargeId } : {}),
        ...(charges !== undefined && charge.type === 'Recurring' ? charges : {}),
      }),
    ),
  };
}
