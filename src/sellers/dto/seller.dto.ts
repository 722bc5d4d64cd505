import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Role } from '../../auth/principal';

export class SellerDto {
  @ApiProperty({ example: '665f1c2e8b3e4a0012345678' }) id!: string;
  @ApiProperty({ example: 'ann@example.com' }) email!: string;
  @ApiProperty({ example: 'Ann’s Trading Club' }) name!: string;
  @ApiProperty({ enum: ROLES, example: 'seller' }) role!: Role;
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z' }) createdAt!: Date;
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z' }) updatedAt!: Date;
}
