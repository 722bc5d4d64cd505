import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { EmailField, PASSWORD_MAX_LENGTH } from './fields';

export class LoginDto {
  @ApiProperty({ example: 'ann@example.com' })
  @EmailField()
  email!: string;

  /** No minimum here: a wrong password is INVALID_CREDENTIALS, never a validation hint. */
  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
