import type { StripeSandboxStore } from '../store/sandbox.store';
import { renderCustomer, renderPaymentMethod, renderSource } from './customer.view';
import { renderInvoice } from './invoice.view';
import { renderPrice, renderProduct } from './price.view';
import { renderSubscription } from './subscription.view';
import type { WireValue } from './wire';

/**
 * Fields each object type lets `expand[]` replace, as paths from the object. Stripe expands
 * intermediate fields of a longer path too (`customer.invoice_settings.default_payment_method`).
 * Embedded objects (a subscription item's `price`) are not expandable: asking for one is a 400.
 */
const EXPANDABLE: Record<string, ReadonlySet<string>> = {
  subscription: new Set(['customer', 'default_payment_method', 'default_source', 'latest_invoice']),
  customer: new Set(['invoice_settings.default_payment_method', 'default_source']),
  invoice: new Set([
    'customer',
    'default_payment_method',
    'parent.subscription_details.subscription',
  ]),
  line_item: new Set(['subscription', 'pricing.price_details.price']),
  payment_method: new Set(['customer']),
  price: new Set(['product']),
  plan: new Set(['product']),
};
/**
 * Includable properties: absent from an object until `expand[]` asks for them (Stripe computes
 * them on request). `amount_paid_off_stripe` is one since API 2026-05-27.dahlia.
 */
const INCLUDABLE: Record<
  string,
  Record<string, (node: WireObject, store: StripeSandboxStore) => WireValue>
> = {
  invoice: {
    // A preview (`upcoming_in_…`) is not stored and has nothing paid.
    amount_paid_off_stripe: (invoice, store) =>
      (typeof invoice.id === 'string' && store.findInvoice(invoice.id)?.amount_paid_off_stripe) ||
      0,
  },
};
/** Stripe expands at most four levels. */
const MAX_DEPTH = 4;

/** `expand[]` asked for something that cannot be expanded: Stripe answers 400. */
export class ExpandError extends Error {
  constructor(
    readonly path: string,
    reason: 'not-expandable' | 'too-deep',
  ) {
    super(
      reason === 'too-deep'
        ? `You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`
        : `This property cannot be expanded (${path}).`,
    );
  }
}

type WireObject = { [key: string]: WireValue };

interface WalkContext {
  resolve: (id: string) => unknown;
  store: StripeSandboxStore;
}

function isObject(value: WireValue | undefined): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Renders the object an id refers to, by its prefix; undefined for an unknown id. */
function resolver(store: StripeSandboxStore): (id: string) => unknown {
  return (id) => {
    const prefix = id.slice(0, id.indexOf('_'));
    switch (prefix) {
      case 'cus': {
        const customer = store.findCustomer(id);
        return customer && renderCustomer(customer);
      }
      case 'card':
      case 'src': {
        const source = store.findSource(id);
        return source && renderSource(source);
      }
      case 'pm': {
        const pm = store.findPaymentMethod(id);
        return pm && renderPaymentMethod(pm);
      }
      case 'sub': {
        const sub = store.findSubscription(id);
        return sub && renderSubscription(sub, store);
      }
      case 'in': {
        const invoice = store.findInvoice(id);
        return invoice && renderInvoice(invoice, store);
      }
      case 'price': {
        const price = store.findPrice(id);
        return price && renderPrice(price);
      }
      case 'prod': {
        const product = store.findProduct(id);
        return product && renderProduct(product);
      }
      default:
        return undefined;
    }
  };
}

/** Applies `expand[]` paths to a rendered object (or list) in place; throws {@link ExpandError}. */
export function applyExpand(root: WireValue, paths: string[], store: StripeSandboxStore): void {
  const context: WalkContext = { resolve: resolver(store), store };
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.filter((s) => s !== 'data').length > MAX_DEPTH)
      throw new ExpandError(path, 'too-deep');
    walk(root, segments, 0, { type: '', relative: [] }, path, context);
  }
}

function walk(
  node: WireValue | undefined,
  segments: string[],
  index: number,
  owner: { type: string; relative: string[] },
  path: string,
  context: WalkContext,
): void {
  if (Array.isArray(node)) {
    for (const element of node) walk(element, segments, index, owner, path, context);
    return;
  }
  if (node === null || node === undefined) return;
  if (!isObject(node)) throw new ExpandError(path, 'not-expandable');
  // A deleted object (`{ id, object, deleted: true }`) has nothing left to expand.
  if (node.deleted === true) return;
  const ownType = node.object;
  const current = typeof ownType === 'string' ? { type: ownType, relative: [] } : owner;
  const segment = segments[index] as string;
  const relative = [...current.relative, segment];
  const isLeaf = index === segments.length - 1;
  const include = INCLUDABLE[current.type]?.[relative.join('.')];
  if (isLeaf && include !== undefined) {
    node[segment] = include(node, context.store);
    return;
  }
  if (!(segment in node)) throw new ExpandError(path, 'not-expandable');
  const expandable = EXPANDABLE[current.type]?.has(relative.join('.')) ?? false;
  if (isLeaf && !expandable) throw new ExpandError(path, 'not-expandable');
  let value = node[segment];
  if (expandable && typeof value === 'string') {
    const resolved = context.resolve(value) as WireValue | undefined;
    if (resolved !== undefined) {
      node[segment] = resolved;
      value = resolved;
    }
  }
  // An id that resolves to nothing (a dangling reference) stays an id, as there is nothing to walk.
  if (isLeaf || (expandable && typeof value === 'string')) return;
  walk(value, segments, index + 1, { type: current.type, relative }, path, context);
}
