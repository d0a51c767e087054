import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Message ids a consumer has processed, so a redelivery changes nothing twice. */
@Entity({ name: 'inbox' })
export class InboxMessageEntity {
  @PrimaryColumn('text')
  consumer!: string;

  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column('text') topic!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
