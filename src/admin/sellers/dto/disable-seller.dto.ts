import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class DisableSellerDto {
  @ApiProperty({
    example: 'Sells access to pirated courses',
    description: 'Kept with the decision',
  })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
