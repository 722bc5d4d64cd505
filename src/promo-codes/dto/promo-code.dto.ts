import { ApiProperty } from '@nestjs/swagger';

export class PromoCodeDto {
  @ApiProperty({ example: '6660a1b2c3d4e5f601234567' }) id!: string;
  @ApiProperty({ example: 'SPRING25' }) code!: string;
  @ApiProperty({ example: 25, nullable: true, type: Number }) percentOff!: number | null;
  @ApiProperty({ example: null, nullable: true, type: Number }) amountOffMinor!: number | null;
  @ApiProperty({ example: null, nullable: true, type: String }) currency!: string | null;
  @ApiProperty({ example: [], description: 'Empty: all your plans' }) planIds!: string[];
  @ApiProperty({ example: '2026-12-31T23:59:59.000Z', nullable: true, type: Date })
  expiresAt!: Date | null;
  @ApiProperty({ example: 100, nullable: true, type: Number }) maxRedemptions!: number | null;
  @ApiProperty({ example: 12, description: 'Checkouts holding or having used the code' })
  redemptions!: number;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty({ example: '2026-03-01T10:00:00.000Z' }) createdAt!: Date;
  @ApiProperty({ example: '2026-03-01T10:00:00.000Z' }) updatedAt!: Date;
}
