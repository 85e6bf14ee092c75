import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ExchangeView, OrderLookupView, Page, ReturnView } from '@o2o/contracts';
import { Access, STAFF } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import type { AuthUser } from '../common/request-context';
import { Idempotent } from '../idempotency/idempotency';
import { OrderReturns } from '../orders/order-returns';
import { ExchangesService } from './exchanges.service';
import { ExchangeDto, LookupQuery, ReturnDto } from './returns.dto';
import { ReturnsService } from './returns.service';

@ApiTags('returns')
@Controller()
export class ReturnsController {
  constructor(
    private readonly returns: ReturnsService,
    private readonly exchanges: ExchangesService,
    private readonly orders: OrderReturns,
  ) {}

  @Get('orders/lookup')
  @Access(STAFF)
  @ApiTags('orders')
  @ApiOperation({
    summary: 'Find an order at the counter, at any store',
    description:
      'q: an order number (O-7K3M-9Q2XA, any case, dashes optional), an email, a phone number, or the text of ' +
      'the pickup QR (pickup:<id>:<code>) or receipt QR (order:<id>). Newest first, at most 20 (one page: next is null).',
  })
  async lookup(@Query() query: LookupQuery): Promise<Page<OrderLookupView>> {
    const found = await this.orders.lookup(query.q);
    const returned = await this.returns.returnedUnits(found.map((order) => order.id));
    const items = found.map((order) => ({
      ...order,
      lines: order.lines.map((line) => ({ ...line, returned: returned.get(order.id)?.get(line.sku) ?? 0 })),
    }));
    return { items, next: null };
  }

  @Post('orders/:id/returns')
  @Access(STAFF, { body: 'locationId' })
  @Idempotent({ required: true })
  @ApiOperation({
    summary: 'Record a return at a store (staff of locationId; any order of the retailer)',
    description:
      'In one unit: resaleable units go back on hand at locationId (ledger kind return, naming the order, ' +
      'note "return <id>"), damaged ones are written off (ledger kind write_off, never on hand); the price paid ' +
      'is refunded to the original payment (through its provider) or in cash; the customer gets refund_issued; ' +
      'the terminals of locationId and of the order’s store get return.recorded. Only collected, shipped or ' +
      'completed orders take returns (else INVALID_TRANSITION).',
  })
  @ApiConflictResponse({
    description:
      'RETURN_EXCEEDS_PURCHASED, REFUND_EXCEEDS_CAPTURED, INVALID_TRANSITION, IDEMPOTENCY_IN_PROGRESS',
  })
  record(
    @Param('id') id: string,
    @Body() body: ReturnDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReturnView> {
    return this.returns.record(user, id, body);
  }

  @Get('orders/:id/returns')
  @Access(STAFF)
  @ApiOperation({ summary: 'The returns of an order, oldest first, as one page (staff of any store)' })
  async list(@Param('id') id: string): Promise<Page<ReturnView>> {
    return { items: await this.returns.list(id), next: null };
  }

  @Post('orders/:id/exchanges')
  @Access(STAFF, { body: 'locationId' })
  @Idempotent({ required: true })
  @ApiOperation({
    summary: 'Exchange at the counter: a return and a new counter sale in one unit',
    description:
      'The returned units’ worth pays for the new sale first; difference = new total − returned worth. ' +
      'Positive: charged with `payment` (required then); negative: refunded to `refundTo` (original or cash).',
  })
  @ApiConflictResponse({
    description: 'RETURN_EXCEEDS_PURCHASED, REFUND_EXCEEDS_CAPTURED, INSUFFICIENT_STOCK',
  })
  exchange(
    @Param('id') id: string,
    @Body() body: ExchangeDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ExchangeView> {
    return this.exchanges.exchange(user, id, body);
  }
}
