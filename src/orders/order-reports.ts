import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FulfillmentType, OrderStatus, PaymentMethod } from '@o2o/contracts';
import { sql } from '../database/sql';

/** A UTC interval [from, to) as ISO text, the way timestamps are stored. */
export interface Interval {
  from: string;
  to: string;
}

/** One order that became a sale: the goods left (sold at the counter, collected or shipped). */
export interface SaleFact {
  createdAt: string;
  channel: FulfillmentType;
  paymentMethod: PaymentMethod;
  totalAmount: number;
  currency: string;
  units: number;
}

/** A pickup order made ready, with when (and whether) it was handed over. */
export interface PickupFact {
  status: OrderStatus;
  readyAt: string;
  collectedAt: string | null;
}

/** Orders whose goods left the store: what the sales report counts. */
const SOLD: OrderStatus[] = ['completed', 'collected', 'shipped'];

/** The facts the reports are built from, read from the orders module's own tables. */
@Injectable()
export class OrderReports {
  constructor(private readonly dataSource: DataSource) {}

  /** Orders placed at a location in the interval that became sales, with their units (lines not cancelled). */
  async sales(locationId: string, interval: Interval): Promise<SaleFact[]> {
    const { rows } = await sql<{
      created_at: string;
      fulfillment_type: FulfillmentType;
      payment_method: PaymentMethod;
      total_amount: number;
      currency: string;
      units: number | null;
    }>(
      this.dataSource.manager,
      `SELECT o.created_at, o.fulfillment_type, o.payment_method, o.total_amount, o.currency,
              (SELECT SUM(l.qty) FROM order_lines l WHERE l.order_id = o.id AND l.status <> 'cancelled') AS units
         FROM orders o
        WHERE o.location_id = :locationId AND o.status IN (:...sold)
          AND o.created_at >= :from AND o.created_at < :to`,
      { locationId, sold: SOLD, ...interval },
    );
    return rows.map((row) => ({
      createdAt: row.created_at,
      channel: row.fulfillment_type,
      paymentMethod: row.payment_method,
      totalAmount: Number(row.total_amount),
      currency: row.currency,
      units: Number(row.units ?? 0),
    }));
  }

  /** Pickup orders at a location marked ready in the interval. */
  async pickups(locationId: string, interval: Interval): Promise<PickupFact[]> {
    const { rows } = await sql<{ status: OrderStatus; ready_at: string; collected_at: string | null }>(
      this.dataSource.manager,
      `SELECT status, ready_at, collected_at FROM orders
        WHERE location_id = :locationId AND fulfillment_type = 'pickup'
          AND ready_at >= :from AND ready_at < :to`,
      { locationId, ...interval },
    );
    return rows.map((row) => ({ status: row.status, readyAt: row.ready_at, collectedAt: row.collected_at }));
  }

  /** Pickup reservations placed at a location in the interval, counted per variant. */
  async reservationsByVariant(locationId: string, interval: Interval): Promise<Map<string, number>> {
    const { rows } = await sql<{ variant_id: string; n: number }>(
      this.dataSource.manager,
      `SELECT l.variant_id, COUNT(DISTINCT o.id) AS n FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.location_id = :locationId AND o.fulfillment_type = 'pickup'
          AND o.created_at >= :from AND o.created_at < :to
        GROUP BY l.variant_id`,
      { locationId, ...interval },
    );
    return new Map(rows.map((row) => [row.variant_id, Number(row.n)]));
  }
}
