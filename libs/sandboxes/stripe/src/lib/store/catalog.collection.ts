import { parseInput, SandboxInputError } from '@subsync/sandbox-kit';
import { randomStripeId } from '../util/ids';
import type { UnixSeconds } from '../util/time';
import { checkId } from './collection.helpers';
import { priceInputSchema, type ParsedPrice, type PriceInput } from './sandbox.inputs';
import type { PriceRecord, ProductRecord } from './sandbox.records';

/** Products and their prices: a price names its product, or brings it along to be created. */
export class CatalogCollection {
  private readonly products = new Map<string, ProductRecord>();
  private readonly prices = new Map<string, PriceRecord>();

  constructor(private readonly now: () => UnixSeconds) {}

  clear(): void {
    this.products.clear();
    this.prices.clear();
  }

  findProduct(id: string): ProductRecord | undefined {
    return this.products.get(id);
  }

  findPrice(id: string): PriceRecord | undefined {
    return this.prices.get(id);
  }

  requirePrice(id: string): PriceRecord {
    const price = this.prices.get(id);
    if (!price) throw new SandboxInputError(`no price '${id}'`, 404);
    return price;
  }

  /** Creates or replaces a price (and its product, when given as an object). */
  putPrice(input: PriceInput, fallbackCurrency?: string): PriceRecord {
    return this.putParsedPrice(parseInput(priceInputSchema, input, 'price'), fallbackCurrency);
  }

  /** As `putPrice`, for a price already parsed as part of another input (a subscription item). */
  putParsedPrice(parsed: ParsedPrice, fallbackCurrency: string | undefined): PriceRecord {
    const id = parsed.id ?? randomStripeId('price');
    checkId(id, 'price');
    const existing = this.prices.get(id);
    const now = this.now();
    let productId: string;
    if (typeof parsed.product === 'string') {
      if (!this.products.has(parsed.product))
        throw new SandboxInputError(`no product '${parsed.product}'`, 404);
      productId = parsed.product;
    } else {
      productId = parsed.product?.id ?? existing?.product ?? randomStripeId('prod');
      checkId(productId, 'prod');
      const product = this.products.get(productId);
      this.products.set(productId, {
        id: productId,
        created: product?.created ?? now,
        name: parsed.product?.name ?? product?.name ?? parsed.nickname ?? 'Subscription',
        description: parsed.product?.description ?? product?.description ?? null,
        active: true,
      });
    }
    const record: PriceRecord = {
      id,
      created: existing?.created ?? now,
      product: productId,
      currency: parsed.currency ?? fallbackCurrency ?? existing?.currency ?? 'usd',
      unit_amount: parsed.unit_amount,
      recurring:
        parsed.recurring === null
          ? null
          : {
              interval: parsed.recurring?.interval ?? 'month',
              interval_count: parsed.recurring?.interval_count ?? 1,
            },
      nickname: parsed.nickname ?? null,
      lookup_key: parsed.lookup_key ?? null,
      active: true,
      metadata: parsed.metadata ?? {},
    };
    this.prices.set(id, record);
    return record;
  }
}
