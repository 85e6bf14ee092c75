import type { Response } from 'supertest';

/** The answer is an error of the contract's shape: this status, this code, and a message in words. */
export function expectError(response: Response, status: number, code: string): void {
  expect({ status: response.status, body: response.body }).toMatchObject({
    status,
    body: { statusCode: status, code, message: expect.any(String) },
  });
}
