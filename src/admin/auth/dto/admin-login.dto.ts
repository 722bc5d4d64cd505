import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { RefreshTokenDto } from '../../../sellers/dto/refresh-token.dto';

export class AdminLoginDto {
  @ApiProperty({ example: 123456789 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  telegramId!: number;

  @ApiProperty({ example: '042917', description: 'The 6-digit code the bot sent' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

/** The admin routes' own name for the same body (refresh, logout). */
export class AdminRefreshDto extends RefreshTokenDto {}

export class AdminTokensDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...', description: '15 minutes' })
  accessToken!: string;

  @ApiProperty({
    example: 'mgr_2Qm8vX1oTqk3bH5nR7sW9yZ0aC4eG6iK8mO0qS2uW4y',
    description: 'Single use: POST it to /api/admin/refresh for a new pair',
  })
  refreshToken!: string;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] }) tokenType!: 'Bearer';

  @ApiProperty({ example: 900 }) expiresIn!: number;
}
