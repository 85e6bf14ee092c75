import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { FlashSaleView, QueueStanding, QueueTicketView } from '@o2o/contracts';
import { Access, Public } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import type { AuthUser } from '../common/request-context';
import { Idempotent } from '../idempotency/idempotency';
import { CreateFlashSaleDto, JoinQueueDto } from './flash-sales.dto';
import { FlashSalesService } from './flash-sales.service';

@ApiTags('flash-sales')
@Controller('flash-sales')
export class FlashSalesController {
  constructor(private readonly sales: FlashSalesService) {}

  @Post()
  @Access(['admin'])
  @Idempotent()
  @ApiOperation({
    summary: 'Schedule a flash sale',
    description:
      "The lines' units are set aside at once from the location's stock (ledger kind flash_set_aside) and " +
      'given back when the sale ends (flash_return). Without locationId: the first location that ships.',
  })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateFlashSaleDto): Promise<FlashSaleView> {
    return this.sales.create(user, body);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Flash sales, newest first, with status and units left per line' })
  list(): Promise<FlashSaleView[]> {
    return this.sales.list();
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One flash sale' })
  get(@Param('id') id: string): Promise<FlashSaleView> {
    return this.sales.get(id);
  }

  @Post(':id/queue')
  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ address: true, account: true, scan: true })
  @ApiOperation({
    summary: 'Join the waiting room',
    description:
      'Answers a ticket and its position; the same email gets the same ticket. Follow it on /shop ' +
      "(emit 'queue' {ticket}) or poll GET /api/flash-sales/queue/:ticket. Limited per address.",
  })
  @ApiConflictResponse({ description: 'SALE_ENDED' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED' })
  join(@Param('id') id: string, @Body() body: JoinQueueDto): Promise<QueueTicketView> {
    return this.sales.join(id, body.email);
  }

  @Get('queue/:ticket')
  @Public()
  @ApiOperation({ summary: "Where a ticket stands: its position, or its admission once it's its turn" })
  standing(@Param('ticket') ticket: string): Promise<QueueStanding> {
    return this.sales.standing(ticket);
  }
}
