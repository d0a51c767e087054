import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message written in the same transaction as the change it announces; a relay publishes it. */
@Entity({ name: 'outbox' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'message_id', type: 'uuid', unique: true })
  messageId!: string;

  /** The service that wrote it; each service's relay publishes its own rows, in order. */
  @Column('text')
  producer!: string;

  @Column('text') topic!: string;
  @Column('text') key!: string;
  @Column('jsonb') payload!: unknown;
  @Column('jsonb', { default: () => "'{}'::jsonb" }) headers!: Record<string, string>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
