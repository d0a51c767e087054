import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiViewResponse } from '../docs/api-view-response.decorator';
import type { ZuoraSettings } from '@subsync/domain';
import { ZUORA_SETTINGS_STORE, type ZuoraSettingsStore } from '@subsync/persistence';
import { parseInput } from './settings-input';
import { zuoraSettingsBodySchema } from './zuora-settings.schema';
import { RequiresRole } from '../auth/requires-role.decorator';

/** Settings > Zuora: the hot-sync switch that hot-sync reads at every login. */
@ApiTags('Settings')
@ApiBearerAuth()
@Controller('api/settings/zuora')
export class ZuoraSettingsController {
  constructor(@Inject(ZUORA_SETTINGS_STORE) private readonly store: ZuoraSettingsStore) {}

  @Get()
  @RequiresRole('read')
  @ApiOperation({ summary: 'The Zuora settings (hotSyncEnabled is false until set)' })
  @ApiViewResponse('ZuoraSettings')
  get(): Promise<ZuoraSettings> {
    return this.store.load();
  }

  @Put()
  @RequiresRole('administer')
  @ApiOperation({ summary: 'Turn hot sync at login on or off' })
  @ApiBody({ schema: { example: { hotSyncEnabled: true } } })
  @ApiViewResponse('ZuoraSettings')
  async put(@Body() body: unknown): Promise<ZuoraSettings> {
    const settings: ZuoraSettings = parseInput(zuoraSettingsBodySchema, body, 'Zuora settings');
    await this.store.save(settings);
    return settings;
  }
}
