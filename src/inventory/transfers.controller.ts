import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, TransferView } from '@o2o/contracts';
import { Access, STAFF } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import { Idempotent } from '../idempotency/idempotency';
import type { AuthUser } from '../common/request-context';
import { CreateTransferDto, ReceiveTransferDto, TransferListQuery } from './inventory.dto';
import { TransfersService } from './transfers.service';

@ApiTags('inventory')
@Controller()
export class TransfersController {
  constructor(private readonly transfers: TransfersService) {}

  @Post('transfers')
  @Access(STAFF, { body: 'fromLocationId' })
  @Idempotent()
  @ApiOperation({
    summary: 'Ship stock to another location (staff of the source)',
    description:
      'The stock leaves the source at once and counts nowhere until received. Short: 409 INSUFFICIENT_STOCK.',
  })
  create(@Body() body: CreateTransferDto, @CurrentUser() user: AuthUser): Promise<TransferView> {
    return this.transfers.create(user, body);
  }

  @Post('transfers/:id/receive')
  @HttpCode(200)
  @Access(STAFF)
  @Idempotent()
  @ApiOperation({
    summary: 'Receive a transfer (staff of the destination)',
    description:
      'Lines not listed arrived in full; list short lines as {sku, receivedQty}. The shortfall stays on the ' +
      'transfer line. A transfer received already answers 409 INVALID_TRANSITION.',
  })
  receive(
    @Param('id') id: string,
    @Body() body: ReceiveTransferDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TransferView> {
    return this.transfers.receive(user, id, body);
  }

  @Get('transfers/:id')
  @Access(STAFF)
  @ApiOperation({ summary: 'One transfer (staff of either end)' })
  get(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<TransferView> {
    return this.transfers.get(user, id);
  }

  @Get('locations/:id/transfers')
  @Access(STAFF, { param: 'id' })
  @ApiOperation({ summary: 'Transfers arriving at or leaving from a location, oldest first (staff of it)' })
  forLocation(@Param('id') id: string, @Query() query: TransferListQuery): Promise<Page<TransferView>> {
    return this.transfers.forLocation(id, query);
  }
}
