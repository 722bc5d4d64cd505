import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ExactlyOneOf } from '../../sellers/validation/exactly-one-of.validator';

export class ConnectChannelDto {
  @ApiPropertyOptional({
    example: -1001234567890,
    description:
      'The numeric chat id (channels and supergroups are negative). Give this or username.',
  })
  @ValidateIf((dto: ConnectChannelDto) => dto.chatId !== undefined || dto.username === undefined)
  @IsInt()
  @Min(-Number.MAX_SAFE_INTEGER)
  @Max(-1, { message: 'chatId of a channel or supergroup is negative' })
  @ExactlyOneOf(['chatId', 'username'])
  chatId?: number;

  @ApiPropertyOptional({
    example: '@my_vip_channel',
    description: 'The public @username of the chat. Give this or chatId.',
  })
  @ValidateIf((dto: ConnectChannelDto) => dto.username !== undefined)
  @Matches(/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/, {
    message: 'username must be a Telegram @username (5-32 letters, digits and _)',
  })
  username?: string;
}
