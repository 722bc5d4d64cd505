import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_SCOPES, ApiKeyScope } from '../../principal';

export class ApiKeyDto {
  @ApiProperty({ example: '665f1c2e8b3e4a0012345678' }) id!: string;
  @ApiProperty({ example: 'Zapier integration' }) name!: string;
  @ApiProperty({
    example: 'mg_3f9a1c2b7d4e',
    description: 'The public start of the key; identifies it without revealing it.',
  })
  prefix!: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['read', 'write'] })
  scopes!: ApiKeyScope[];
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z' }) createdAt!: Date;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    example: 'mg_3f9a1c2b7d4e_q1Xb0r9VtR2sY8kP4mN6jH3gF5dS7aL1zX9cV2bN4mQ',
    description: 'Send as the X-API-Key header. Shown only in this answer: store it now.',
  })
  key!: string;
}
