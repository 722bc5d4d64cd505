import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../common/admin-only.decorator';
import { SystemCheckDto } from './dto/system-check.dto';
import { SystemCheckService } from './system-check.service';

@ApiTags('admin')
@Controller('api/admin/recovery')
@AdminOnly()
export class AdminSystemController {
  constructor(private readonly check: SystemCheckService) {}

  @Get('test-system')
  @ApiOperation({
    summary: 'Check every dependency now',
    description:
      'Database ping, Telegram getMe (3 s timeout; "off" without a bot token), the outbox ' +
      'backlog and the age of its oldest due job, and each scheduled job lease with its last run.',
  })
  @ApiResponse({ status: 200, type: SystemCheckDto })
  testSystem(): Promise<SystemCheckDto> {
    return this.check.run();
  }
}
