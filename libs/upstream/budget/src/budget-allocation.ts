// How one upstream budget (a concurrency limit, or a request rate) is shared by the processes
// that draw from it, and how it adapts when the upstream pushes back. Pure functions.

export interface HolderDemand {
  id: string;
  /** What the holder holds now. */
  granted: number;
  /** What it would use if it could. */
  wanted: number;
}

/**
 * Max-min fair shares of `limit`: whoever wants less than an equal share gets what it wants,
 * and the rest is split equally among the others. With `whole`, shares are whole numbers (slots);
 * the remainder goes to holders in id order, so every holder computes the same split.
 */
export function fairShares(
  limit: number,
  holders: readonly Pick<HolderDemand, 'id' | 'wanted'>[],
  whole: boolean,
): Map<string, number> {
  const shares = new Map<string, number>();
  const byWant = [...holders].sort((a, b) => a.wanted - b.wanted || a.id.localeCompare(b.id));
  let remaining = Math.max(0, limit);
  for (let i = 0; i < byWant.length; i += 1) {
    const holder = byWant[i]!;
    const equal = remaining / (byWant.length - i);
    if (holder.wanted <= equal) {
      shares.set(holder.id, holder.wanted);
      remaining -= holder.wanted;
      continue;
    }
    // Everyone from here on wants more than an equal share of what is left: split it equally.
    const rest = byWant.slice(i).sort((a, b) => a.id.localeCompare(b.id));
    const base = whole ? Math.floor(equal) : equal;
    let extra = whole ? remaining - base * rest.length : 0;
    for (const other of rest) {
      const bonus = extra > 0 ? 1 : 0;
      extra -= bonus;
      shares.set(other.id, base + bonus);
    }
    break;
  }
  return shares;
}

export interface GrantInput {
  limit: number;
  /** `granted` is what the holder holds now: its allowance, or more while requests drain. */
  me: HolderDemand;
  others: readonly HolderDemand[];
  /** Slots the holder is using right now. */
  inUse: number;
  whole: boolean;
}

export interface Grant {
  /** What the holder may start new requests up to. */
  allowance: number;
  /** What it holds, as the others see it: its allowance, or its requests in flight if more. */
  held: number;
}

/**
 * A holder's grant after rebalancing. It moves towards its fair share: it grows only into what
 * the others do not hold, and shrinks at once for new requests while the ones in flight drain
 * (it keeps holding those until they end). So what the holders hold together never exceeds the
 * limit it was granted under.
 */
export function nextGrant(input: GrantInput): Grant {
  const { limit, me, others, inUse, whole } = input;
  const target = fairShares(limit, [me, ...others], whole).get(me.id) ?? 0;
  if (target <= me.granted) return { allowance: target, held: Math.max(target, inUse) };
  const heldByOthers = others.reduce((sum, other) => sum + other.granted, 0);
  const free = Math.max(0, limit - heldByOthers - me.granted);
  const grown = me.granted + Math.min(target - me.granted, free);
  const allowance = whole ? Math.floor(grown) : grown;
  return { allowance, held: Math.max(allowance, inUse) };
}

export interface AdaptiveLimit {
  /** The configured limit: never exceeded. */
  ceiling: number;
  /** The limit in force now. */
  current: number;
  decreasedAt: Date | null;
  increasedAt: Date;
}

export interface AdaptOptions {
  /** What a push-back multiplies the limit by. */
  decreaseFactor: number;
  /** How fast the limit grows back, per second. */
  increasePerSecond: number;
  /** After a decrease, the limit holds still this long, and further push-backs are one. */
  holdMs: number;
  /** The limit never goes below this. */
  floor: number;
}

/**
 * Additive increase, multiplicative decrease: a push-back (a 429) shrinks the limit at once;
 * while none comes, it grows back steadily to the ceiling. The system settles just under the
 * upstream's real limit, even when others share that limit or the configured one is too high.
 */
export function adaptLimit(
  limit: AdaptiveLimit,
  pushedBack: boolean,
  now: Date,
  options: AdaptOptions,
): AdaptiveLimit {
  const ceiling = limit.ceiling;
  const current = Math.min(limit.current, ceiling);
  const holding =
    limit.decreasedAt !== null && now.getTime() - limit.decreasedAt.getTime() < options.holdMs;
  if (pushedBack && !holding) {
    return {
      ceiling,
      current: Math.max(options.floor, current * options.decreaseFactor),
      decreasedAt: now,
      increasedAt: now,
    };
  }
  if (holding) return { ...limit, current, increasedAt: now };
  const elapsedSeconds = Math.max(0, (now.getTime() - limit.increasedAt.getTime()) / 1000);
  return {
    ceiling,
    current: Math.min(ceiling, current + elapsedSeconds * options.increasePerSecond),
    decreasedAt: limit.decreasedAt,
    increasedAt: now,
  };
}
