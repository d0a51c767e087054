import { parseMessage } from '../messages/message-schemas';
import { Topics } from '../messages/topics';
import type { Provider } from '../providers/provider-registry';
import {
  type DeadLetterProvenance,
  type EventRequest,
  type EventType,
  eventTypeOfTrigger,
  syncRequestOf,
} from './event-record';

/** The failed Event a dead-lettered message becomes. */
export interface DeadLetterEvent {
  type: EventType;
  provider: Provider | null;
  ref: string;
  trigger: string;
  correlationId: string | null;
  request: EventRequest | null;
  /** The queued Event the message was meant to complete, when it names one. */
  queuedEventId: string | null;
  reason: string;
}

/**
 * Reads as much as can be trusted out of a dead-lettered message. A valid message gives its
 * provider, ref and request (so it can be replayed); an invalid one is still shown, named by its
 * key or its position in the topic.
 */
export function deadLetterEvent(letter: DeadLetterProvenance): DeadLetterEvent {
  const reason = deadLetterReason(letter);
  const position = `${letter.topic}[${letter.partition}]@${letter.offset}`;
  const fallbackRef = (letter.key ?? '').trim() || position;
  const value = letter.valueEncoding === 'utf8' ? letter.value : null;
  const fallback: DeadLetterEvent = {
    type: letter.topic === Topics.identityLogin ? 'hot-sync' : 'sync',
    provider: letter.topic === Topics.identityLogin ? 'zuora' : null,
    ref: fallbackRef.slice(0, 255),
    trigger: 'upstream',
    correlationId: null,
    request: null,
    queuedEventId: null,
    reason,
  };
  if (letter.topic === Topics.syncRequested) {
    const parsed = parseMessage(Topics.syncRequested, value);
    if (!parsed.ok) return fallback;
    const { data, correlationId } = parsed.value;
    return {
      type: eventTypeOfTrigger(data.trigger),
      provider: data.provider,
      ref: data.ref,
      trigger: data.trigger,
      correlationId,
      request: syncRequestOf(data),
      queuedEventId: data.eventId ?? null,
      reason,
    };
  }
  if (letter.topic === Topics.identityLogin) {
    const parsed = parseMessage(Topics.identityLogin, value);
    if (!parsed.ok) return fallback;
    const { data, correlationId } = parsed.value;
    return {
      ...fallback,
      ref: `${data.issuer}:${data.subject}`.slice(0, 255),
      correlationId,
      request: {
        topic: Topics.identityLogin,
        data: {
          issuer: data.issuer,
          subject: data.subject,
          ...(data.providerId === undefined ? {} : { providerId: data.providerId }),
        },
      },
    };
  }
  if (letter.topic === Topics.syncCompleted) {
    const parsed = parseMessage(Topics.syncCompleted, value);
    if (!parsed.ok) return fallback;
    const { data, correlationId } = parsed.value;
    return { ...fallback, provider: data.provider, ref: data.ref, correlationId };
  }
  return fallback;
}

function deadLetterReason(letter: DeadLetterProvenance): string {
  const by = letter.consumerGroup === null ? '' : ` by ${letter.consumerGroup}`;
  const attempts =
    letter.attempts === null
      ? ''
      : ` after ${letter.attempts} attempt${letter.attempts === 1 ? '' : 's'}`;
  const error = letter.error ?? 'no error was recorded';
  return `Dead-lettered from ${letter.topic}${by}${attempts}: ${error}`;
}
