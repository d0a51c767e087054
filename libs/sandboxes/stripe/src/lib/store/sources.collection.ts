import { parseInput, SandboxInputError } from '@subsync/sandbox-kit';
import type { UnixSeconds } from '../util/time';
import { cardRecord, checkId, RecordCollection } from './collection.helpers';
import { sourceInputSchema, type SourceInput } from './sandbox.inputs';
import type { CustomerRecord, SourceRecord } from './sandbox.records';

/** Legacy Cards (`card_…`) and card Sources (`src_…`), which older accounts still carry. */
export class SourcesCollection extends RecordCollection<SourceRecord> {
  /** `requireCustomer` is a function because customers in turn check their default source here. */
  constructor(
    private readonly now: () => UnixSeconds,
    private readonly requireCustomer: (id: string) => CustomerRecord,
  ) {
    super('source');
  }

  /** A customer's default source must be one of its own, as Stripe requires. */
  requireOf(id: string, customerId: string): SourceRecord {
    const source = this.require(id);
    if (source.customer !== customerId) {
      throw new SandboxInputError(`source '${id}' does not belong to customer '${customerId}'`);
    }
    return source;
  }

  /** Creates or replaces a legacy Card (`card_…`) or card Source (`src_…`). */
  put(id: string, input: SourceInput): SourceRecord {
    const object = id.startsWith('card_') ? 'card' : 'source';
    checkId(id, object === 'card' ? 'card' : 'src');
    const parsed = parseInput(sourceInputSchema, input, 'source');
    if (parsed.customer) this.requireCustomer(parsed.customer);
    const record: SourceRecord = {
      id,
      object,
      created: parsed.created ?? this.records.get(id)?.created ?? this.now(),
      customer: parsed.customer ?? null,
      card: cardRecord(parsed.card, `fp${parsed.card.last4}${id.slice(-6)}`),
      metadata: parsed.metadata ?? {},
    };
    this.records.set(id, record);
    return record;
  }
}
