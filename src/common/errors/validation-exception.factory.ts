import { ValidationError } from '@nestjs/common';
import { AppException } from './app.exception';

export interface FieldError {
  field: string;
  errors: string[];
}

/**
 * Flattens nested validation errors into `{ field, errors }` with dotted paths. A request whose only
 * problem is fields we do not accept gets its own code, because clients fix that differently.
 */
export function validationExceptionFactory(errors: ValidationError[]): AppException {
  const fields = flatten(errors, '');
  const unknownOnly = fields.every((f) => f.errors.every((e) => e.endsWith('should not exist')));
  const code = unknownOnly ? 'UNKNOWN_FIELD' : 'VALIDATION_FAILED';
  const message = fields.flatMap((f) => f.errors).join('; ');
  return AppException.badRequest(code, message, fields);
}

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, errors: Object.values(error.constraints) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
