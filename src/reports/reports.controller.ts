import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {
  PickupsReportView,
  SalesReportView,
  ScansReportView,
  StockValueReportView,
} from '@o2o/contracts';
import { Access, MANAGERS } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import type { AuthUser } from '../common/request-context';
import { LocationsService } from '../locations/locations.service';
import { LocationNames, pickupsCsv, salesCsv, scansCsv, stockValueCsv } from './report-csv';
import { ReportQuery, StockValueQuery } from './reports.dto';
import { ReportsService } from './reports.service';

const SCOPE =
  "Managers see their stores, admins every location. Days are each store's local days. " +
  'Add `.csv` to the path or `format=csv` for the same rows as a CSV download.';

@ApiTags('reports')
@Controller('reports')
@ApiProduces('application/json', 'text/csv')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly locations: LocationsService,
  ) {}

  @Get(['sales', 'sales.csv'])
  @Access(MANAGERS)
  @ApiOperation({
    summary: 'Sales per day, location, channel and payment method: orders, units, revenue',
    description: `Orders whose goods left (sold at the counter, collected, shipped), on the day they were placed. ${SCOPE}`,
  })
  async sales(
    @Query() query: ReportQuery,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SalesReportView | string> {
    const report = await this.reports.sales(user, query);
    return this.answer(request, reply, query, `sales-${report.from}-${report.to}`, report, salesCsv);
  }

  @Get(['pickups', 'pickups.csv'])
  @Access(MANAGERS)
  @ApiOperation({
    summary: 'Pickups made ready per location: ready-to-collected minutes (median, p90) and no-show rate',
    description: `No-show rate = orders that expired uncollected / orders made ready in the range. ${SCOPE}`,
  })
  async pickups(
    @Query() query: ReportQuery,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PickupsReportView | string> {
    const report = await this.reports.pickups(user, query);
    return this.answer(request, reply, query, `pickups-${report.from}-${report.to}`, report, pickupsCsv);
  }

  @Get(['scans', 'scans.csv'])
  @Access(MANAGERS)
  @ApiOperation({
    summary: 'Tag scans per location and SKU, and the pickup reservations of that SKU there (conversion)',
    description: SCOPE,
  })
  async scans(
    @Query() query: ReportQuery,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScansReportView | string> {
    const report = await this.reports.scans(user, query);
    return this.answer(request, reply, query, `scans-${report.from}-${report.to}`, report, scansCsv);
  }

  @Get(['stock-value', 'stock-value.csv'])
  @Access(MANAGERS)
  @ApiOperation({
    summary: 'Stock value per location now: Σ units on hand × current price',
    description: SCOPE,
  })
  async stockValue(
    @Query() query: StockValueQuery,
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StockValueReportView | string> {
    const report = await this.reports.stockValue(user, query);
    return this.answer(request, reply, query, 'stock-value', report, stockValueCsv);
  }

  /** The report as JSON, or as a CSV download when the path ends in .csv or format=csv. */
  private async answer<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    query: StockValueQuery,
    filename: string,
    report: T,
    toCsv: (report: T, names: LocationNames) => string,
  ): Promise<T | string> {
    const path = request.url.split('?')[0];
    if (query.format !== 'csv' && !path.endsWith('.csv')) return report;
    const names = new Map((await this.locations.list()).map((location) => [location.id, location.name]));
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}.csv"`);
    return toCsv(report, names);
  }
}
