import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class BanUserDto {
  @ApiProperty({ example: 'Chargeback fraud on three sellers', description: 'Kept with the ban' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
