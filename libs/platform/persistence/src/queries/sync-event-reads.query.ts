import type { DataSource } from 'typeorm';
import { SyncEventEntity } from '../entities/sync-event.entity';

/** Reads of recorded Events: one, its replays, and which of some have finished. */
export interface SyncEventReads {
  find(id: string): Promise<SyncEventEntity | null>;
  /** The Events that replay `id`, oldest first. */
  replaysOf(id: string): Promise<SyncEventEntity[]>;
  /** A replay of `id` that is still queued. */
  pendingReplayOf(id: string): Promise<SyncEventEntity | null>;
  /** Those of `ids` that are no longer queued. */
  finishedAmong(ids: readonly string[]): Promise<SyncEventEntity[]>;
}

export class SyncEventReadsTypeOrm implements SyncEventReads {
  constructor(private readonly dataSource: DataSource) {}

  find(id: string): Promise<SyncEventEntity | null> {
    return this.dataSource.getRepository(SyncEventEntity).findOneBy({ id });
  }

  replaysOf(id: string): Promise<SyncEventEntity[]> {
    return this.dataSource.getRepository(SyncEventEntity).find({
      where: { replayOf: id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  pendingReplayOf(id: string): Promise<SyncEventEntity | null> {
    return this.dataSource
      .getRepository(SyncEventEntity)
      .findOneBy({ replayOf: id, status: 'queued' });
  }

  async finishedAmong(ids: readonly string[]): Promise<SyncEventEntity[]> {
    if (ids.length === 0) return [];
    return this.dataSource
      .getRepository(SyncEventEntity)
      .createQueryBuilder('e')
      .where('e.id IN (:...ids)', { ids })
      .andWhere("e.status <> 'queued'")
      .getMany();
  }
}
