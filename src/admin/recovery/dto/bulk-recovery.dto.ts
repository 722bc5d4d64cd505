import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsString,
  MaxLength,
} from 'class-validator';
import { RecoveryResultDto } from './recovery-result.dto';

export class BulkRecoveryDto {
  @ApiProperty({
    example: ['665f1c2ab3d4e5f6a7b8c9d0', '665f1c2ab3d4e5f6a7b8c9d1'],
    description: 'Up to 100 payment ids; each is answered on its own',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  paymentIds!: string[];
}

export class BulkRecoveryAnswerDto {
  @ApiProperty({ type: RecoveryResultDto, isArray: true, description: 'In the order asked' })
  results!: RecoveryResultDto[];
}
