import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RefreshTokenDto {
  @ApiProperty({
    example: 'mgr_2Qm8vX1oTqk3bH5nR7sW9yZ0aC4eG6iK8mO0qS2uW4y',
    description: 'The refresh token from login or the last refresh; each one works once.',
  })
  @IsString()
  @Length(1, 200)
  refreshToken!: string;
}
