import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';

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

export class AdminRefreshDto {
  @ApiProperty({
    example: 'mgr_2Qm8vX1oTqk3bH5nR7sW9yZ0aC4eG6iK8mO0qS2uW4y',
    description: 'The refresh token from login or the last refresh; each one works once.',
  })
  @IsString()
  @Length(1, 200)
  refreshToken!: string;
}

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
