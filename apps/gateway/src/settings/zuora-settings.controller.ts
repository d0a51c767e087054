import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { ZuoraSettings } from '@subsync/domain';
import { SettingEntity } from '@subsync/persistence';
import { parseInput } from './settings-input';
import {
  ZUORA_SETTINGS_KEY,
  zuoraSettingsBodySchema,
  zuoraSettingsFrom,
} from './zuora-settings.schema';

/** Settings > Zuora: the hot-sync switch that hot-sync reads at every login. */
@ApiTags('Settings')
@ApiBearerAuth()
@Controller('api/settings/zuora')
export class ZuoraSettingsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'The Zuora settings (hotSyncEnabled is false until set)' })
  async get(): Promise<ZuoraSettings> {
    const row = await this.dataSource
      .getRepository(SettingEntity)
      .findOneBy({ key: ZUORA_SETTINGS_KEY });
    return zuoraSettingsFrom(row?.value ?? null);
  }

  @Put()
  @ApiOperation({ summary: 'Turn hot sync at login on or off' })
  @ApiBody({ schema: { example: { hotSyncEnabled: true } } })
  async put(@Body() body: unknown): Promise<ZuoraSettings> {
    const settings: ZuoraSettings = parseInput(zuoraSettingsBodySchema, body, 'Zuora settings');
    await this.dataSource
      .getRepository(SettingEntity)
      .upsert({ key: ZUORA_SETTINGS_KEY, value: { ...settings } }, ['key']);
    return settings;
  }
}
