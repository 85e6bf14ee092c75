import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sql } from '../database/sql';
import type { Tx } from '../database/unit-of-work';

export interface PaymentRequest {
  orderId: string;
  amount: number;
  currency: string;
}

/**
 * Takes and gives back money for orders. A variation point: bind another implementation to
 * PAYMENT_PROVIDER for a real processor. Both calls run inside the order's unit of work and record a
 * `payments` row; an order has at most one charge and one refund (unique (order_id, kind)), so a
 * repeated call records nothing and answers false.
 */
export interface PaymentProvider {
  readonly name: string;
  charge(tx: Tx, request: PaymentRequest): Promise<boolean>;
  refund(tx: Tx, request: PaymentRequest): Promise<boolean>;
}

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

/** The built-in provider accepts every payment at once (a shop that takes card on the spot). */
@Injectable()
export class ImmediatePaymentProvider implements PaymentProvider {
  readonly name = 'built-in';

  charge(tx: Tx, request: PaymentRequest): Promise<boolean> {
    return this.record(tx, 'charge', request);
  }

  refund(tx: Tx, request: PaymentRequest): Promise<boolean> {
    return this.record(tx, 'refund', request);
  }

  private async record(tx: Tx, kind: 'charge' | 'refund', request: PaymentRequest): Promise<boolean> {
    const { affected } = await sql(
      tx.em,
      `INSERT INTO payments (id, order_id, kind, provider, amount, currency, reference, created_at)
       VALUES (:id, :orderId, :kind, :provider, :amount, :currency, :reference, :createdAt)
       ON CONFLICT DO NOTHING`,
      {
        ...request,
        id: randomUUID(),
        kind,
        provider: this.name,
        reference: `${kind}-${randomUUID()}`,
        createdAt: new Date().toISOString(),
      },
    );
    return affected > 0;
  }
}
