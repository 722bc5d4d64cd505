import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { NameField, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PasswordField } from './fields';

export class UpdateSellerDto {
  @ApiPropertyOptional({ example: 'Ann’s Trading Club' })
  @IsOptional()
  @NameField()
  name?: string;

  @ApiPropertyOptional({
    example: 'a new long passphrase',
    minLength: PASSWORD_MIN_LENGTH,
    description: 'Changes the password (needs currentPassword) and ends every other session.',
  })
  @IsOptional()
  @PasswordField()
  newPassword?: string;

  @ApiPropertyOptional({ example: 'correct horse battery staple' })
  @ValidateIf((dto: UpdateSellerDto) => dto.newPassword !== undefined)
  @IsString({ message: 'currentPassword is required to change the password' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword?: string;
}
