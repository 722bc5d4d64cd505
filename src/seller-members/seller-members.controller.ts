import { Controller, Delete, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { Auth } from '../auth/decorators/auth.decorator';
import { CurrentSeller } from '../auth/decorators/current-seller.decorator';
import type { AuthenticatedSeller } from '../auth/principal';
import { ErrorBody } from '../common/errors/error-body';
import { Idempotent } from '../common/idempotency/idempotent.decorator';
import { PrivacyService } from '../privacy/privacy.service';
import { ListMembersQuery, MemberFilterQuery } from './dto/list-members.query';
import { ErasureResultDto, MemberPageDto } from './dto/member.dto';
import { SellerMembersService } from './seller-members.service';

const BAD_QUERY = { status: 400, type: ErrorBody, description: 'VALIDATION_FAILED, UNKNOWN_FIELD' };

@ApiTags('members')
@Controller('api/sellers/members')
@Auth()
export class SellerMembersController {
  constructor(
    private readonly members: SellerMembersService,
    private readonly privacy: PrivacyService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List your members, newest first',
    description: 'One entry per Telegram user and plan, filtered by channel and status.',
  })
  @ApiResponse({ status: 200, type: MemberPageDto })
  @ApiResponse(BAD_QUERY)
  list(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Query() query: ListMembersQuery,
  ): Promise<MemberPageDto> {
    return this.members.list(seller.id, query);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Export your members as CSV',
    description:
      'Streamed (RFC 4180, CRLF, UTF-8), same filters as the list. Values a spreadsheet would ' +
      'run as formulas are prefixed with an apostrophe.',
  })
  @ApiProduces('text/csv')
  @ApiResponse({
    status: 200,
    description: 'CSV with a header line',
    schema: { type: 'string', example: 'id,plan_id,telegram_user_id,...\r\n' },
  })
  @ApiResponse(BAD_QUERY)
  export(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Query() query: MemberFilterQuery,
    @Res({ passthrough: true }) res: Response,
  ): StreamableFile {
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(Readable.from(this.members.exportCsv(seller.id, query)), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="members.csv"',
    });
  }

  @Delete(':id')
  @Idempotent()
  @ApiOperation({
    summary: "Erase a member's personal data (right to erasure)",
    description:
      'Removes them from the channels first if they still have access, then erases their ' +
      'contact details, Telegram id, links and messages; anonymised payment records stay. ' +
      '"scheduled" means the removal from the chats is still running (erasure follows within ' +
      'minutes).',
  })
  @ApiResponse({ status: 200, type: ErasureResultDto })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'MEMBER_NOT_FOUND' })
  async erase(
    @CurrentSeller() seller: AuthenticatedSeller,
    @Param('id') id: string,
  ): Promise<ErasureResultDto> {
    return { status: await this.privacy.requestErasure(seller.id, id) };
  }
}
