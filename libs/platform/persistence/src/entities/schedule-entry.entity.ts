import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'schedule_entries' })
export class ScheduleEntryEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @Column('date')
  date!: string;

  /** Decimal string in major units, kept exact (and at its own scale) by PostgreSQL's numeric. */
  @Column('numeric')
  amount!: string;

  @Column('text')
  currency!: string;

  @Column('text')
  status!: 'pending' | 'paid' | 'cancelled';

  @Column('text', { nullable: true })
  description!: string | null;

  /** Identifies the upstream charge period the entry came from, so a re-sync can match it. */
  @Column({ name: 'source_key', type: 'text', nullable: true })
  sourceKey!: string | null;
}
