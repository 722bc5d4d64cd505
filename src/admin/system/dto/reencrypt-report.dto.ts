import { ApiProperty } from '@nestjs/swagger';

export class ReencryptCountsDto {
  @ApiProperty({ example: 12, description: 'Rows holding a secret' }) scanned!: number;
  @ApiProperty({
    example: 12,
    description: 'Rows re-encrypted now (0 for rows already under the current key)',
  })
  reencrypted!: number;
}

export class ReencryptReportDto {
  @ApiProperty({
    example: '3f2a9c0d41be',
    description: 'Public fingerprint of the current ENCRYPTION_KEY, as ciphertexts name it',
  })
  keyId!: string;
  @ApiProperty({ type: ReencryptCountsDto, description: 'Sellers’ own Stripe keys' })
  paymentSettings!: ReencryptCountsDto;
  @ApiProperty({ type: ReencryptCountsDto, description: 'Seller webhook signing secrets' })
  webhookEndpoints!: ReencryptCountsDto;
}
