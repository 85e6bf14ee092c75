import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error';

/**
 * Strict validation of every body, query and parameter DTO: unknown fields are refused, values are
 * converted only where the DTO says so, and each failing field is listed in `details.fields`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const first = fields[0];
      const message = first ? `${first.field}: ${first.errors[0]}` : 'The request is not valid';
      return new AppError('VALIDATION_FAILED', message, { fields });
    },
  });
}

/**
 * For a repeatable query parameter: `?sku=A&sku=B` and `?sku=A,B` both give ['A', 'B'] (a value given
 * once arrives as a string, several times as an array). Use with @Transform.
 */
export function toQueryList({ value }: { value: unknown }): unknown {
  if (value === undefined) return value;
  return (Array.isArray(value) ? value : [value]).flatMap((v) =>
    typeof v === 'string' ? v.split(',') : [v],
  );
}

function flatten(errors: ValidationError[], prefix = ''): Array<{ field: string; errors: string[] }> {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, errors: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
