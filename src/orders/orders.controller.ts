import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { FLASH_ADMISSION_HEADER } from '@o2o/contracts';
import type { DayReportView, OrderView, Page, PlacedOrderView, ShippingQuoteView } from '@o2o/contracts';
import { Access, MANAGERS, Public, STAFF } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import { Idempotent } from '../idempotency/idempotency';
import { PageQuery } from '../common/pagination';
import type { AuthUser } from '../common/request-context';
import { OrderPicking } from './order-picking.service';
import { OrderPlacement } from './order-placement.service';
import { OrderQr } from './order-qr';
import {
  CollectDto,
  DayReportQuery,
  LocationOrdersQuery,
  PlaceOrderDto,
  RescheduleDto,
  ResendMessageDto,
  ShipDto,
  ShippingQuoteDto,
  ShortLineDto,
  UnlockDto,
} from './orders.dto';
import { OrderToken } from './order-token.decorator';
import { OrdersService } from './orders.service';

const TokenHeader = () =>
  ApiHeader({ name: 'X-Order-Token', required: false, description: 'The orderToken of a guest order' });
const TokenQuery = () =>
  ApiQuery({
    name: 'token',
    required: false,
    description: 'The orderToken, for links (same as X-Order-Token)',
  });

@ApiTags('orders')
@Controller()
export class OrdersController {
  constructor(
    private readonly placement: OrderPlacement,
    private readonly orders: OrdersService,
    private readonly picking: OrderPicking,
    private readonly qr: OrderQr,
  ) {}

  @Post('orders')
  @Public()
  @Idempotent({ required: true })
  @ApiOperation({
    summary: 'Place an order: pickup, ship or an in-store sale',
    description:
      'All lines are reserved (instore: sold) at one location in one transaction, or none: a short line answers ' +
      '409 INSUFFICIENT_STOCK with details.lines [{sku, requested, available}]. Prices come from the catalog. ' +
      'Ship without locationId: the server picks one shipping location that has every line, nearest to ' +
      'address.lat/lng when given, else the one with most stock. Pickup orders answer readyBy (placed + the ' +
      "location's pickupPrepMinutes of open time, rounded up to 5 minutes) and are held until expiresAt: " +
      'placed + pickupHoldHours counted in open hours only (a hold never runs out while the store is closed); ' +
      'on "ready" the customer gets pickupHoldHours from then and a pickup_reminder is queued before it ends; ' +
      'staff may move it (PATCH). Holds past their deadline are released (status expired). Payment "online" ' +
      'is charged at once (built-in provider); "at_pickup" (pickup only) is charged on collection. An ' +
      'instore sale is made by staff of that location and completes at once. The answer carries orderToken ' +
      '(shown once: it opens this order for a guest) and, for pickup, the pickupCode.',
  })
  @ApiConflictResponse({
    description:
      'INSUFFICIENT_STOCK, IDEMPOTENCY_IN_PROGRESS; flash sales: SALE_NOT_STARTED, SALE_ENDED, SOLD_OUT, LIMIT_PER_CUSTOMER',
  })
  @ApiUnprocessableEntityResponse({
    description: 'IDEMPOTENCY_KEY_REUSED: the key was used for another body',
  })
  @ApiHeader({
    name: 'X-Flash-Sale-Admission',
    required: false,
    description: 'An admission from the flash-sale waiting room: buys the lines at the sale price',
  })
  place(
    @Body() body: PlaceOrderDto,
    @CurrentUser() user?: AuthUser,
    @Headers(FLASH_ADMISSION_HEADER) admission?: string,
  ): Promise<PlacedOrderView> {
    return this.placement.place(user, body, admission || undefined);
  }

  @Post('orders/shipping-quote')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'What shipping these lines costs and when they would arrive, before ordering',
    description:
      'The lines at catalog prices (subtotal), the shipping fee (SHIP_FEE; nothing from SHIP_FREE_FROM), ' +
      'the total, and the delivery estimate from the location that would ship them: it leaves that ' +
      'business day when ordered before SHIP_CUTOFF (local time), else the next, and travels SHIP_DAYS ' +
      'business days (Monday to Friday). deliveryEstimate is null when no one location has every line. ' +
      'A ship order fixes its own fee and estimate by the same rules when it is placed. Changes nothing.',
  })
  quoteShipping(@Body() body: ShippingQuoteDto): Promise<ShippingQuoteView> {
    return this.placement.quoteShipping(body.lines);
  }

  @Get('orders/mine')
  @Access(['customer'])
  @ApiOperation({
    summary: "The signed-in customer's orders, newest first (keyset pages)",
    description:
      'The orders placed while signed in and, once the account has confirmed its email, the guest ' +
      'orders placed with that email.',
  })
  mine(@CurrentUser() user: AuthUser, @Query() query: PageQuery): Promise<Page<OrderView>> {
    return this.orders.mine(user, query);
  }

  @Get('locations/:id/orders')
  @Access(STAFF, { param: 'id' })
  @ApiTags('locations')
  @ApiOperation({ summary: "A location's orders for its terminal queue, oldest first (keyset pages)" })
  forLocation(@Param('id') id: string, @Query() query: LocationOrdersQuery): Promise<Page<OrderView>> {
    return this.orders.forLocation(id, query);
  }

  @Get('locations/:id/day-report')
  @Access(STAFF, { param: 'id' })
  @ApiTags('locations')
  @ApiOperation({
    summary: "End of day: a store's counter sales by payment method, pickups collected, no-shows, still open",
    description: "The day is the store's local day (its timezone); `date` defaults to today there.",
  })
  dayReport(@Param('id') id: string, @Query() query: DayReportQuery): Promise<DayReportView> {
    return this.orders.dayReport(id, query.date);
  }

  @Get('orders/:id')
  @Public()
  @TokenHeader()
  @TokenQuery()
  @ApiOperation({
    summary: 'An order with the messages sent to its customer',
    description:
      'For its customer (signed in), its orderToken, or staff of its location; anyone else gets 404. ' +
      'The pickupCode is shown to the customer only. In-store sales: staff of that location only.',
  })
  @ApiNotFoundResponse({ description: 'No such order, or not yours to see' })
  get(
    @Param('id') id: string,
    @CurrentUser() user?: AuthUser,
    @OrderToken() token?: string,
  ): Promise<OrderView> {
    return this.orders.get(user, id, token);
  }

  @Get('orders/:id/pickup-qr.svg')
  @Public()
  @TokenHeader()
  @TokenQuery()
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({
    summary: 'The pickup code as a QR image (SVG) for the customer to show',
    description: 'Encodes the text pickup:<orderId>:<pickupCode>, which the terminal scans. Customer only.',
  })
  pickupQr(
    @Param('id') id: string,
    @CurrentUser() user?: AuthUser,
    @OrderToken() token?: string,
  ): Promise<StreamableFile> {
    return this.qr.pickupSvg(user, id, token);
  }

  @Get('orders/:id/receipt.html')
  @Access(STAFF)
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'The receipt of an order as a page for an 80 mm till printer (staff of its location)',
  })
  async receipt(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<StreamableFile> {
    const html = await this.orders.receipt(user, id);
    return new StreamableFile(Buffer.from(html), { type: 'text/html; charset=utf-8' });
  }

  @Post('orders/:id/ready')
  @HttpCode(200)
  @Access(STAFF)
  @ApiOperation({
    summary: 'The pickup order is packed: the customer is told and has pickupHoldHours (open time) to come',
  })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION' })
  ready(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<OrderView> {
    return this.orders.ready(user, id);
  }

  @Post('orders/:id/messages/resend')
  @HttpCode(200)
  @Access(STAFF)
  @Idempotent()
  @ApiOperation({
    summary: 'Send a message of the order to its customer again (staff of its location)',
    description:
      "Queues a new message of that kind with the order as it is now; it shows in the order's messages " +
      '(status queued, then sent or failed).',
  })
  resendMessage(
    @Param('id') id: string,
    @Body() body: ResendMessageDto,
    @CurrentUser() user: AuthUser,
  ): Promise<OrderView> {
    return this.orders.resendMessage(user, id, body.kind);
  }

  @Post('orders/:id/ship')
  @HttpCode(200)
  @Access(STAFF)
  @Idempotent()
  @ApiOperation({ summary: 'The shipment left with the carrier: its stock leaves the location' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION' })
  ship(@Param('id') id: string, @Body() body: ShipDto, @CurrentUser() user: AuthUser): Promise<OrderView> {
    return this.orders.ship(user, id, body);
  }

  @Post('orders/:id/collect')
  @HttpCode(200)
  @Access(STAFF)
  @Idempotent()
  @ApiOperation({
    summary: 'Hand a ready pickup order over against its pickup code (typed or the scanned QR text)',
    description: `A wrong code answers PICKUP_CODE_INVALID (details.attemptsLeft); after 5 the order answers TOO_MANY_ATTEMPTS until a manager unlocks it.`,
  })
  @ApiUnprocessableEntityResponse({ description: 'PICKUP_CODE_INVALID' })
  @ApiTooManyRequestsResponse({ description: 'TOO_MANY_ATTEMPTS: locked after 5 wrong codes' })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: not ready' })
  collect(
    @Param('id') id: string,
    @Body() body: CollectDto,
    @CurrentUser() user: AuthUser,
  ): Promise<OrderView> {
    return this.orders.collect(user, id, body.pickupCode);
  }

  @Post('orders/:id/cancel')
  @HttpCode(200)
  @Public()
  @Idempotent()
  @TokenHeader()
  @TokenQuery()
  @ApiOperation({
    summary: 'Cancel before collection or shipping: by its customer (or orderToken) or staff; stock returns',
  })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION' })
  cancel(
    @Param('id') id: string,
    @CurrentUser() user?: AuthUser,
    @OrderToken() token?: string,
  ): Promise<OrderView> {
    return this.orders.cancel(user, id, token);
  }

  @Post('orders/:id/unlock')
  @HttpCode(200)
  @Access(MANAGERS)
  @ApiOperation({
    summary: 'Unlock an order locked by wrong pickup codes (manager of its location)',
    description: 'The reason, if given, goes to the terminals with order.updated (unlockReason).',
  })
  unlock(
    @Param('id') id: string,
    @Body() body: UnlockDto,
    @CurrentUser() user: AuthUser,
  ): Promise<OrderView> {
    return this.orders.unlock(user, id, body.reason);
  }

  @Patch('orders/:id')
  @Access(STAFF)
  @ApiOperation({
    summary: 'Move the hold deadline of a placed or ready pickup order (in the future, within 90 days)',
  })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION: not a placed or ready pickup order' })
  reschedule(
    @Param('id') id: string,
    @Body() body: RescheduleDto,
    @CurrentUser() user: AuthUser,
  ): Promise<OrderView> {
    return this.orders.reschedule(user, id, body.expiresAt);
  }

  @Post('orders/:id/lines/:sku/short')
  @HttpCode(200)
  @Access(STAFF)
  @Idempotent()
  @ApiOperation({
    summary: 'While picking: only `found` units of a line are there',
    description:
      'The missing units are written off through a stock count at the location. A shipment then moves whole to ' +
      'another location that has every line, if one does; otherwise the line keeps what was found (0: ' +
      'cancelled), the total follows and the customer is told. An order with nothing left is cancelled.',
  })
  short(
    @Param('id') id: string,
    @Param('sku') sku: string,
    @Body() body: ShortLineDto,
    @CurrentUser() user: AuthUser,
  ): Promise<OrderView> {
    return this.picking.markShort(user, id, sku, body.found);
  }
}
