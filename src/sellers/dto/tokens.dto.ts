import { ApiProperty } from '@nestjs/swagger';

export class TokensDto {
  @ApiProperty({
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...',
    description: 'Bearer token, 15 minutes',
  })
  accessToken!: string;

  @ApiProperty({
    example: 'mgr_2Qm8vX1oTqk3bH5nR7sW9yZ0aC4eG6iK8mO0qS2uW4y',
    description: 'Single use: POST it to /api/sellers/refresh for a new pair',
  })
  refreshToken!: string;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] }) tokenType!: 'Bearer';

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' })
  expiresIn!: number;
}
