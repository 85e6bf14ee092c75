import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, Matches } from 'class-validator';
import { AppError } from './app-error';
import { ContractValidationPipe, IsOptional, toQueryList } from './validation';

class SkuQuery {
  @Transform(toQueryList)
  @IsArray()
  @ArrayMaxSize(3)
  @Matches(/^[A-Z]+$/, { each: true })
  sku: string[];

  @IsOptional()
  @IsString()
  near?: string;
}

class Body {
  @IsString()
  name: string;
}

class Adjustment {
  @IsOptional()
  @IsInt()
  delta?: number;

  @IsOptional({ nullable: true })
  @IsInt()
  lat?: number | null;
}

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a validation failure');
}

describe('ContractValidationPipe', () => {
  const query = { type: 'query' as const, metatype: SkuQuery };
  const body = { type: 'body' as const, metatype: Body };

  it('gives each request its own DTO instance of a repeated query, so a change by one never reaches the next', () => {
    const pipe = new ContractValidationPipe();
    const first = pipe.transform({ sku: 'AB,CD' }, query) as SkuQuery;
    expect(first).toBeInstanceOf(SkuQuery);
    expect(first.sku).toEqual(['AB', 'CD']);
    first.sku.push('EF');
    first.near = 'changed';

    const second = pipe.transform({ sku: 'AB,CD' }, query) as SkuQuery;
    expect(second).toBeInstanceOf(SkuQuery);
    expect(second).toEqual(Object.assign(new SkuQuery(), { sku: ['AB', 'CD'] }));
  });

  it('refuses a repeated invalid query the same way every time, listing each field', () => {
    const pipe = new ContractValidationPipe();
    for (let i = 0; i < 2; i++) {
      const error = failure(() => pipe.transform({ sku: ['ab', 'CD', 'EF', 'GH'], extra: '1' }, query));
      expect(error.code).toBe('VALIDATION_FAILED');
      const fields = (error.details as { fields: Array<{ field: string }> }).fields.map((f) => f.field);
      expect(fields.sort()).toEqual(['extra', 'sku']);
    }
  });

  it('tells a valid query from an invalid one that differs only in a value', () => {
    const pipe = new ContractValidationPipe();
    expect(pipe.transform({ sku: 'AB' }, query)).toEqual(Object.assign(new SkuQuery(), { sku: ['AB'] }));
    expect(failure(() => pipe.transform({ sku: 'ab' }, query)).code).toBe('VALIDATION_FAILED');
  });

  it('refuses a body that is not an object, and one with missing fields', () => {
    const pipe = new ContractValidationPipe();
    const notObject = failure(() => pipe.transform(['x'], body));
    expect(notObject.details).toEqual({
      fields: [
        { field: 'body', errors: ['must be a JSON object'] },
        { field: 'name', errors: ['must be text'] },
      ],
    });
    expect(failure(() => pipe.transform(undefined, body)).message).toBe('Name must be text');
    expect(pipe.transform({ name: 'Ada' }, body)).toEqual(Object.assign(new Body(), { name: 'Ada' }));
  });

  it('refuses null in an optional field (it is not "absent"), unless the field is nullable', () => {
    const pipe = new ContractValidationPipe();
    const adjustment = { type: 'body' as const, metatype: Adjustment };
    expect(failure(() => pipe.transform({ delta: null }, adjustment)).details).toEqual({
      fields: [{ field: 'delta', errors: ['must be a whole number'] }],
    });
    expect(pipe.transform({}, adjustment)).toEqual(new Adjustment());
    expect(pipe.transform({ lat: null }, adjustment)).toEqual(Object.assign(new Adjustment(), { lat: null }));
  });

  it('passes plain parameters through untouched', () => {
    const pipe = new ContractValidationPipe();
    expect(pipe.transform('abc', { type: 'param', metatype: String })).toBe('abc');
  });
});
