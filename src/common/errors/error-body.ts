import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDetail {
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty({ example: 'email must be an email' }) message!: string;
  @ApiPropertyOptional({ example: [{ field: 'email', errors: ['email must be an email'] }] })
  details?: unknown;
  @ApiPropertyOptional({ example: 'b1946ac9-2e0f-4f0a-9d2c-1f1c5d7a0c11' }) requestId?: string;
}

/** The one shape every error answer has. */
export class ErrorBody {
  @ApiProperty({ type: ErrorDetail }) error!: ErrorDetail;
}
