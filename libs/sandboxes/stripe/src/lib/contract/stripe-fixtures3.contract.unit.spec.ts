import { recorded } from './recorded-responses.fixture.spec';
import { STRIPE_FIXTURE_FIELDS } from './stripe-fixtures3.fields';

// Contract test of the sandbox against Stripe's own example objects (stripe-mock's
// openapi/fixtures3.json at f0758b15a2cf, 2026-07-29; see stripe-fixtures3.fields.ts). Every object
// in the sandbox's recorded answers (which stripe-types.contract.unit.spec.ts ties to the live
// sandbox) that has a type Stripe's fixture shows must have the same fields, at every level where
// both have an object, except for the differences listed below with their reason.

/** `<type><path>.<field>`: fields one side has and the other does not, and why that is right. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'subscription.cancellation_details.feedback_option':
    'in stripe-node 23.1.0 (2026-10-28.endive), newer than the fixture',
  'subscription.items.data[].current_trial': 'in stripe-node 23.1.0, newer than the fixture',
  'subscription.trial_settings.end_behavior.billing_cycle_anchor':
    'in stripe-node 23.1.0, newer than the fixture',
  'customer.customer_account': 'in stripe-node 23.1.0, newer than the fixture',
  'card.allow_redisplay': 'in stripe-node 23.1.0 (optional), newer than the fixture',
  'source.card':
    'the sandbox serves Sources of type card; the fixture is an ach_credit_transfer one',
  'source.ach_credit_transfer': 'the fixture Source is of type ach_credit_transfer',
  'source.receiver': 'only Sources with flow "receiver" have it; card sources have flow "none"',
  'source.customer': 'optional in stripe-node 23.1.0: set on a Source attached to a customer',
  'invoice.amount_paid_off_stripe':
    'includable (API 2026-05-27.dahlia): present because the request asked for it',
  'invoice.subscription':
    'removed from the Invoice in 2025-03-31.basil (stripe-node 23.1.0 has none); the fixture keeps it as null',
  'invoice.lines.data[].pricing.price_details':
    'null in the fixture (a line without a price), an object on a line of a priced item',
};

type Fields = Map<string, Set<string>>;

function fieldsOf(value: unknown, path: string, out: Fields): Fields {
  if (Array.isArray(value)) {
    for (const element of value) fieldsOf(element, `${path}[]`, out);
    return out;
  }
  if (value === null || typeof value !== 'object' || path.endsWith('.metadata')) return out;
  const fields = out.get(path) ?? new Set<string>();
  out.set(path, fields);
  for (const [key, child] of Object.entries(value)) {
    fields.add(key);
    fieldsOf(child, `${path}.${key}`, out);
  }
  return out;
}

/** Every object in an answer whose `object` is a type the fixture shows (expanded ones too). */
function typedObjects(value: unknown, found: { type: string; object: object }[] = []) {
  if (Array.isArray(value)) {
    for (const element of value) typedObjects(element, found);
  } else if (value !== null && typeof value === 'object') {
    const { object, deleted } = value as { object?: unknown; deleted?: unknown };
    // A deleted object is a type of its own in the fixture file (`deleted_customer`).
    const type = deleted === true && typeof object === 'string' ? `deleted_${object}` : object;
    if (typeof type === 'string' && type in STRIPE_FIXTURE_FIELDS)
      found.push({ type, object: value });
    for (const child of Object.values(value)) typedObjects(child, found);
  }
  return found;
}

/** The fields that differ between a sandbox object and Stripe's fixture of its type. */
function differences(type: string, object: object): string[] {
  const expected = STRIPE_FIXTURE_FIELDS[type] ?? {};
  const actual = fieldsOf(object, '', new Map());
  const found: string[] = [];
  for (const [path, fields] of actual) {
    const reference = expected[path];
    if (reference === undefined) continue; // an id on one side, an expanded object on the other
    const names = new Set([...fields, ...reference]);
    for (const name of names) {
      if (fields.has(name) !== reference.includes(name)) {
        found.push(
          `${type}${path}.${name} ${fields.has(name) ? 'only in the sandbox' : 'missing'}`,
        );
      }
    }
  }
  return found.filter((d) => !(d.split(' ')[0]! in KNOWN_DIFFERENCES));
}

describe("Stripe sandbox: objects shaped like Stripe's own fixtures", () => {
  const objects = Object.entries(recorded).flatMap(([answer, value]) =>
    typedObjects(value).map(({ type, object }) => ({ answer, type, object })),
  );

  it('covers every object type it has a fixture for', () => {
    expect([...new Set(objects.map((o) => o.type))].sort()).toEqual(
      Object.keys(STRIPE_FIXTURE_FIELDS).sort(),
    );
  });

  it.each(objects.map((o) => [`${o.answer}: ${o.type}`, o] as const))(
    '%s has the fixture fields',
    (_name, { type, object }) => {
      expect(differences(type, object)).toEqual([]);
    },
  );

  it('notices a field the fixture does not have, and one it has that is missing', () => {
    const card = { ...recorded.card, wallet: null } as Record<string, unknown>;
    delete card.cvc_check;
    expect(differences('card', card)).toEqual([
      'card.wallet only in the sandbox',
      'card.cvc_check missing',
    ]);
  });
});
