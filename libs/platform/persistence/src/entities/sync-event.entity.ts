import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  DeadLetterProvenance,
  EventRequest,
  EventStatus,
  EventType,
  FieldChange,
  Provider,
} from '@subsync/domain';

/** One entry of the Events log: a sync, what it changed, and why it failed or was skipped. */
@Entity({ name: 'events' })
export class SyncEventEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text') type!: EventType;
  /** Null only for a dead-lettered message that names no provider. */
  @Column('text', { nullable: true }) provider!: Provider | null;
  @Column('text') ref!: string;
  @Column('text') trigger!: string;
  @Column('text') status!: EventStatus;

  @Column({ name: 'subscription_id', type: 'text', nullable: true })
  subscriptionId!: string | null;

  @Column({ name: 'owner_id', type: 'text', nullable: true })
  ownerId!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column('jsonb', { default: () => "'[]'::jsonb" })
  changes!: FieldChange[];

  @Column({ name: 'correlation_id', type: 'uuid', nullable: true })
  correlationId!: string | null;

  @Column('jsonb', { nullable: true })
  request!: EventRequest | null;

  @Column({ name: 'replay_of', type: 'text', nullable: true })
  replayOf!: string | null;

  /** Set when another request's sync answered this one (the requests were coalesced). */
  @Column({ name: 'coalesced_into', type: 'text', nullable: true })
  coalescedInto!: string | null;

  @Column({ name: 'dead_letter', type: 'jsonb', nullable: true })
  deadLetter!: DeadLetterProvenance | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
