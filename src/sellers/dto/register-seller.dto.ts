import { ApiProperty } from '@nestjs/swagger';
import { EmailField, NameField, PASSWORD_MIN_LENGTH, PasswordField } from './fields';

export class RegisterSellerDto {
  @ApiProperty({ example: 'ann@example.com', description: 'Trimmed and lower-cased; unique.' })
  @EmailField()
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: PASSWORD_MIN_LENGTH })
  @PasswordField()
  password!: string;

  @ApiProperty({ example: 'Ann’s Trading Club', minLength: 1, maxLength: 100 })
  @NameField()
  name!: string;
}
