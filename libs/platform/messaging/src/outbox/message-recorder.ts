import type { DataSource } from 'typeorm';
import type { Envelope, Topic, TopicData } from '@subsync/domain';
import type { OutboxTypeOrm } from './outbox-typeorm';

export const MESSAGE_RECORDER = Symbol('MessageRecorder');

/** Records a message that announces no other write: alone in the outbox, for the relay. */
export interface MessageRecorder {
  record<T extends Topic>(topic: T, envelope: Envelope<TopicData[T]>): Promise<void>;
}

export class MessageRecorderTypeOrm implements MessageRecorder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxTypeOrm,
  ) {}

  async record<T extends Topic>(topic: T, envelope: Envelope<TopicData[T]>): Promise<void> {
    const messages = await this.dataSource.transaction((manager) =>
      this.outbox.enqueue(manager, topic, envelope),
    );
    this.outbox.notifyCommitted(messages);
  }
}
