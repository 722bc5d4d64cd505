import { ValidationPipe } from '@nestjs/common';
import { validationExceptionFactory } from '../errors/validation-exception.factory';

export function appValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: validationExceptionFactory,
  });
}
