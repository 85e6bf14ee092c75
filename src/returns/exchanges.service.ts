import { Injectable } from '@nestjs/common';
import type { ExchangeView } from '@o2o/contracts';
import { AppError } from '../common/app-error';
import type { AuthUser } from '../common/request-context';
import { UnitOfWork } from '../database/unit-of-work';
import { OrderPlacement } from '../orders/order-placement.service';
import { OrderReturns } from '../orders/order-returns';
import type { ExchangeDto } from './returns.dto';
import { ReturnsService } from './returns.service';

/**
 * An exchange at the counter, in one unit: the new counter sale, then the return of the old units
 * whose worth pays for it first; the customer pays the difference (`payment`) or gets it back
 * (`refundTo`). A refusal of either part undoes both.
 */
@Injectable()
export class ExchangesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly placement: OrderPlacement,
    private readonly returns: ReturnsService,
    private readonly orders: OrderReturns,
  ) {}

  exchange(user: AuthUser, orderId: string, input: ExchangeDto): Promise<ExchangeView> {
    return this.uow.run(async (tx) => {
      const original = await this.orders.customerOf(tx, orderId);
      const sale = await this.placement.place(user, {
        lines: input.newLines,
        fulfillment: { type: 'instore', locationId: input.locationId },
        customer: original,
        payment: input.payment ?? 'other',
      });
      const ret = await this.returns.record(
        user,
        orderId,
        { locationId: input.locationId, lines: input.returnLines, refundTo: input.refundTo },
        { orderId: sale.id, amount: sale.total.amount },
      );
      const difference = sale.total.amount - ret.refund.amount;
      if (difference > 0 && !input.payment) {
        throw AppError.invalid('payment', 'is required: the new items cost more than those returned');
      }
      const { orderToken: _token, pickupCode: _code, ...order } = sale;
      return { return: ret, order, difference: { amount: difference, currency: sale.total.currency } };
    });
  }
}
