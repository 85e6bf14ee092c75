import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { Page } from '../../libs/contracts/src';
import { AppError } from '../common/app-error';
import { mapPage, paginate, PageQuery } from '../common/pagination';
import { CustomerMessage, Order, OrderLine } from './order.entity';

export interface LoadedOrder {
  order: Order;
  lines: OrderLine[];
}

/** Reads and writes of the orders module's own tables. */
@Injectable()
export class OrderStore {
  /** The order with its lines, or 404 NOT_FOUND. */
  async load(em: EntityManager, id: string): Promise<LoadedOrder> {
    const order = await em.findOneBy(Order, { id });
    if (!order) throw AppError.notFound('Order', { orderId: id });
    return { order, lines: await this.linesOf(em, order.id) };
  }

  find(em: EntityManager, id: string): Promise<Order | null> {
    return em.findOneBy(Order, { id });
  }

  linesOf(em: EntityManager, orderId: string): Promise<OrderLine[]> {
    return em.find(OrderLine, { where: { orderId }, order: { sku: 'ASC' } });
  }

  messagesOf(em: EntityManager, orderId: string): Promise<CustomerMessage[]> {
    return em.find(CustomerMessage, { where: { orderId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async insert(em: EntityManager, order: Order, lines: OrderLine[]): Promise<void> {
    await em.insert(Order, order);
    await em.insert(OrderLine, lines);
  }

  /**
   * A page of orders matching `where`, oldest first (the order a queue is worked in), keyset-paginated
   * on (created_at, id), with every order's lines read in one more query.
   */
  async page(
    em: EntityManager,
    where: { locationId?: string; customerUserId?: string; status?: string },
    query: PageQuery,
  ): Promise<Page<LoadedOrder>> {
    const qb = em.createQueryBuilder(Order, 'o');
    if (where.locationId) qb.andWhere('o.locationId = :locationId', { locationId: where.locationId });
    if (where.customerUserId) qb.andWhere('o.customerUserId = :userId', { userId: where.customerUserId });
    if (where.status) qb.andWhere('o.status = :status', { status: where.status });
    const page = await paginate(
      qb,
      { sort: 'o.createdAt', id: 'o.id', sortOf: (o) => o.createdAt.toISOString(), idOf: (o) => o.id },
      query,
    );
    const ids = page.items.map((order) => order.id);
    const lines = ids.length
      ? await em.find(OrderLine, { where: { orderId: In(ids) }, order: { sku: 'ASC' } })
      : [];
    return mapPage(page, (order) => ({ order, lines: lines.filter((line) => line.orderId === order.id) }));
  }
}
