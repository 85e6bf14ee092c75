import type { Response } from 'supertest';
import type { ErrorCode, ErrorDetails } from '@o2o/contracts';

/**
 * The answer is an error of the contract's shape: this status, this code, and a message in words.
 * Answers its `details`, typed as the contract names them for this code.
 */
export function expectError<C extends ErrorCode>(
  response: Response,
  status: number,
  code: C,
): ErrorDetails<C> {
  expect({ status: response.status, body: response.body }).toMatchObject({
    status,
    body: { statusCode: status, code, message: expect.any(String) },
  });
  return response.body.details as ErrorDetails<C>;
}
