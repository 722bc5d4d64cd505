import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class RequestLoginDto {
  @ApiProperty({ example: 123456789, description: 'Your Telegram user id' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  telegramId!: number;
}

export class RequestLoginAnswerDto {
  @ApiProperty({
    example: true,
    description:
      'Always true: the answer is the same for every id. An administrator receives the code ' +
      'from the bot (they must have started the bot once).',
  })
  sent!: boolean;

  @ApiProperty({ example: 300, description: 'How long a code works' })
  expiresInSeconds!: number;
}
