import { ApiProperty } from '@nestjs/swagger';
import { SellerDto } from '../../../sellers/dto/seller.dto';

export class AdminSellerDto extends SellerDto {
  @ApiProperty({
    example: false,
    description: 'A disabled account can neither log in nor use its tokens or API keys',
  })
  disabled!: boolean;
  @ApiProperty({ example: null, nullable: true, type: Date }) disabledAt!: Date | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'tg:<admin id>' })
  disabledBy!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) disabledReason!: string | null;
}
