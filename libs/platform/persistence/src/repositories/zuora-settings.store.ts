import type { DataSource } from 'typeorm';
import type { ZuoraSettings } from '@subsync/domain';
import { loadZuoraSettings, saveZuoraSettings } from './settings.repository';

/** Settings > Zuora, as stored. */
export interface ZuoraSettingsStore {
  load(): Promise<ZuoraSettings>;
  save(settings: ZuoraSettings): Promise<void>;
}

export class ZuoraSettingsStoreTypeOrm implements ZuoraSettingsStore {
  constructor(private readonly dataSource: DataSource) {}

  load(): Promise<ZuoraSettings> {
    return loadZuoraSettings(this.dataSource.manager);
  }

  save(settings: ZuoraSettings): Promise<void> {
    return saveZuoraSettings(this.dataSource.manager, settings);
  }
}
