// The parameters a Zuora callout may carry, whichever body format it used (JSON or legacy XML).

/** What subsync reads from a callout. Every field is optional: Zuora sends what it was told to. */
export interface CalloutParameters {
  subscriptionNumber?: string;
  orderNumber?: string;
  /** `RenewSubscription`, `CancelSubscription`, `Suspend`, … */
  orderActionType?: string;
  /** Who started the order, e.g. `shop` or `salesforce` for the platform itself. */
  source?: string;
  /** The Zuora user id that created the order. */
  createdById?: string;
}

/** Parameter names as Zuora users write them; matched case-insensitively. */
const PARAMETER_NAMES: Record<string, keyof CalloutParameters> = {
  subscriptionnumber: 'subscriptionNumber',
  ordernumber: 'orderNumber',
  orderactiontype: 'orderActionType',
  source: 'source',
  createdbyid: 'createdById',
};

/** Longest value kept; Zuora numbers and ids are far shorter. */
export const MAX_CALLOUT_PARAMETER_LENGTH = 255;

export type CalloutParametersResult =
  { ok: true; parameters: CalloutParameters } | { ok: false; error: string };

/**
 * Picks the recognised parameters out of a callout's name/value pairs. Names are matched
 * case-insensitively and unknown names are ignored (a template may carry more). Empty and null
 * values count as absent, because Zuora can send either for an unset merge field.
 */
export function calloutParametersFrom(
  entries: Iterable<readonly [string, unknown]>,
): CalloutParametersResult {
  const parameters: CalloutParameters = {};
  for (const [name, raw] of entries) {
    const lowered = name.trim().toLowerCase();
    // Own names only: `constructor` or `__proto__` would otherwise find Object's members.
    if (!Object.hasOwn(PARAMETER_NAMES, lowered)) continue;
    const key = PARAMETER_NAMES[lowered];
    if (key === undefined) continue;
    const value = textOf(raw);
    if (value === null) return { ok: false, error: `parameter ${name} must be a text value` };
    if (value === '') continue;
    if (value.length > MAX_CALLOUT_PARAMETER_LENGTH) {
      return {
        ok: false,
        error: `parameter ${name} is longer than ${MAX_CALLOUT_PARAMETER_LENGTH} characters`,
      };
    }
    const previous = parameters[key];
    if (previous !== undefined && previous !== value) {
      return { ok: false, error: `parameter ${name} is given twice with different values` };
    }
    parameters[key] = value;
  }
  return { ok: true, parameters };
}

function textOf(raw: unknown): string | null {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return null;
}

/** True when the callout carried at least one of the recognised parameters. */
export function hasCalloutParameters(parameters: CalloutParameters): boolean {
  return Object.values(parameters).some((value) => value !== undefined);
}
