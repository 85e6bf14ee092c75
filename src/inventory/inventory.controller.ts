import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  AdjustmentResult,
  AvailabilityView,
  MovementView,
  Page,
  StockLevelView,
  StockRowView,
} from '@o2o/contracts';
import { Access, MANAGERS, Public, STAFF } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import { Idempotent } from '../idempotency/idempotency';
import type { AuthUser } from '../common/request-context';
import { AvailabilityService } from './availability.service';
import { AdjustmentDto, AvailabilityQuery, MovementQuery, SafetyStockDto, StockQuery } from './inventory.dto';
import { StockService } from './stock.service';

@ApiTags('inventory')
@Controller()
export class InventoryController {
  constructor(
    private readonly availability: AvailabilityService,
    private readonly stock: StockService,
  ) {}

  @Get('availability')
  @Public()
  @ApiOperation({
    summary:
      'What can be promised per location and online (available = onHand − reserved − safetyStock, ≥ 0)',
    description:
      '`online` sums the locations that ship. With near=lat,lng locations come nearest first with distanceKm. ' +
      'Stock in transit between locations counts at neither end.',
  })
  forSkus(@Query() query: AvailabilityQuery): Promise<AvailabilityView[]> {
    return this.availability.forSkus(query.sku, parseNear(query.near));
  }

  @Get('locations/:id/stock')
  @Access(STAFF, { param: 'id' })
  @ApiOperation({ summary: 'Stock levels of a location, by SKU (staff of it)' })
  levels(@Param('id') id: string, @Query() query: StockQuery): Promise<Page<StockRowView>> {
    return this.stock.levels(id, query);
  }

  @Put('locations/:id/stock/:sku/safety-stock')
  @Access(MANAGERS, { param: 'id' })
  @ApiOperation({
    summary: 'Set the units of a SKU this location keeps back from sale (managers of it, admins)',
    description:
      'available = onHand − reserved − safetyStock everywhere stock is promised. Not a movement: on hand ' +
      'stays; terminals get stock.changed with the new available figure. Answers the level.',
  })
  setSafetyStock(
    @Param('id') id: string,
    @Param('sku') sku: string,
    @Body() body: SafetyStockDto,
    @CurrentUser() user: AuthUser,
  ): Promise<StockLevelView> {
    return this.stock.setSafetyStock(user, id, sku, body.safetyStock);
  }

  @Post('locations/:id/stock/adjustments')
  @Access(STAFF, { param: 'id' })
  @Idempotent()
  @ApiOperation({
    summary: 'Adjust stock for a reason, by delta or to a counted onHand (staff of the location)',
    description:
      'receive and return add, damage removes, count and correction go either way. With expectedOnHand a ' +
      'level that moved meanwhile answers 409 STALE_QUANTITY; taking more than is unreserved answers 409 ' +
      'INSUFFICIENT_STOCK. Answers the new level and the ledger row.',
  })
  adjust(
    @Param('id') id: string,
    @Body() body: AdjustmentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AdjustmentResult> {
    return this.stock.adjust(user, id, body);
  }

  @Get('locations/:id/movements')
  @Access(STAFF, { param: 'id' })
  @ApiOperation({ summary: 'The append-only stock ledger of a location, oldest first (staff of it)' })
  movements(@Param('id') id: string, @Query() query: MovementQuery): Promise<Page<MovementView>> {
    return this.stock.movements(id, query);
  }
}

/** "52.37,4.89" (validated by the DTO) → {lat, lng}. */
function parseNear(near?: string): { lat: number; lng: number } | undefined {
  if (!near) return undefined;
  const [lat, lng] = near.split(',').map(Number);
  return { lat, lng };
}
