import { validateSync, ValidateIf, IsInt } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { ExactlyOneOf } from './exactly-one-of.validator';

class Probe {
  @ValidateIf((o: Probe) => o.a !== undefined || o.b === undefined)
  @IsInt()
  @ExactlyOneOf(['a', 'b'])
  a?: number;

  @ValidateIf((o: Probe) => o.b !== undefined)
  @IsInt()
  b?: number;
}

const errorsOf = (plain: object): string[] =>
  validateSync(plainToInstance(Probe, plain)).flatMap((e) => Object.values(e.constraints ?? {}));

describe('ExactlyOneOf', () => {
  it('accepts either field alone', () => {
    expect(errorsOf({ a: 1 })).toEqual([]);
    expect(errorsOf({ b: 1 })).toEqual([]);
  });

  it('refuses both fields together and neither', () => {
    expect(errorsOf({ a: 1, b: 2 })).toContain('give exactly one of a, b');
    expect(errorsOf({})).toContain('give exactly one of a, b');
  });
});
