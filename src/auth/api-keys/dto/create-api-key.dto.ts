import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Length } from 'class-validator';
import { API_KEY_SCOPES, ApiKeyScope } from '../../principal';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Zapier integration', minLength: 1, maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({
    enum: API_KEY_SCOPES,
    isArray: true,
    example: ['read', 'write'],
    description: '`read` allows GET requests, `write` allows POST/PUT/PATCH/DELETE.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes!: ApiKeyScope[];
}
