import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Fails unless exactly one of `fields` is present in the body. Put it on the first field together
 * with `@ValidateIf((o) => o.first !== undefined || o.second === undefined)`, so it also runs
 * when that field is absent.
 */
export function ExactlyOneOf(
  fields: readonly string[],
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'exactlyOneOf',
      constraints: [fields],
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) =>
          fields.filter((f) => (args?.object as Record<string, unknown>)[f] !== undefined)
            .length === 1,
        defaultMessage: () => `give exactly one of ${fields.join(', ')}`,
      },
    },
    options,
  );
}
