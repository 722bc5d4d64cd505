import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 10;
/** argon2 hashes any length; the cap stops someone making us hash megabytes. */
export const PASSWORD_MAX_LENGTH = 256;

const normaliseEmail = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Trimmed and lower-cased, then validated: `Ann@Example.com ` and `ann@example.com` are one account. */
export const EmailField = (): PropertyDecorator =>
  applyDecorators(Transform(normaliseEmail), IsString(), MaxLength(254), IsEmail());

export const PasswordField = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    MinLength(PASSWORD_MIN_LENGTH, {
      message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
    }),
    MaxLength(PASSWORD_MAX_LENGTH),
  );

export const NameField = (): PropertyDecorator =>
  applyDecorators(Transform(trim), IsString(), Length(1, 100));
