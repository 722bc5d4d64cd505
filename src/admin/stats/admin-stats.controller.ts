import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../common/admin-only.decorator';
import { PlatformStatsDto } from './dto/platform-stats.dto';
import { PlatformStatsService } from './platform-stats.service';

@ApiTags('admin')
@Controller('api/admin/stats')
@AdminOnly()
export class AdminStatsController {
  constructor(private readonly stats: PlatformStatsService) {}

  @Get()
  @ApiOperation({
    summary: 'The platform at a glance',
    description:
      'Telegram users, sellers, connected channels, members with access, succeeded payments ' +
      'and revenue per currency for today, the last 7 and the last 30 UTC days, outbox backlog.',
  })
  @ApiResponse({ status: 200, type: PlatformStatsDto })
  get(): Promise<PlatformStatsDto> {
    return this.stats.stats();
  }
}
