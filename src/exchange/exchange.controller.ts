import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { ImportAccepted, ImportJobView } from '@o2o/contracts';
import { Access, MANAGERS } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import type { AuthUser } from '../common/request-context';
import { saveCsvUpload } from './csv-upload';
import { LocationFileQuery } from './exchange.dto';
import { Exports } from './exports.service';
import { ImportJobs } from './import-jobs.service';

const UPLOAD_BODY = {
  schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
};
const IMPORT_RULES =
  'Multipart with one CSV `file` (UTF-8, comma-separated, a header row first; at most 64 MB and 200,000 ' +
  'rows). The header is checked at once: a missing or unknown column answers 400, a file that is not ' +
  'text 415. The rows are then applied in the background: follow GET /api/import/{jobId}. A bad row is ' +
  'listed with its row number (the header is row 1) and field, and never stops the others; a row equal ' +
  'to what is stored changes nothing, so importing the same file twice changes nothing the second time. ' +
  'The same Idempotency-Key answers the first job again.';
const KEY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A unique key per intended import (1-255 chars): a retry answers the same jobId.',
};

@ApiTags('import and export')
@Controller()
export class ExchangeController {
  constructor(
    private readonly exports: Exports,
    private readonly jobs: ImportJobs,
  ) {}

  @Get('export/products.csv')
  @Access(MANAGERS)
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The catalog as CSV, one row per variant in SKU order (admin, manager)',
    description:
      'Columns: product_id, product_title, description, status, sku, price (decimal, e.g. 12.50), ' +
      'currency, barcode, options and attributes ("Colour=White; Size=M"). Import reads the same format.',
  })
  products(): StreamableFile {
    return csvFile(this.exports.products(), 'products.csv');
  }

  @Get('export/stock.csv')
  @Access(MANAGERS, { query: 'locationId' })
  @ApiProduces('text/csv')
  @ApiOperation({ summary: "A location's stock as CSV: sku, title, on_hand (admin, manager of it)" })
  async stock(@Query() query: LocationFileQuery): Promise<StreamableFile> {
    return csvFile(await this.exports.stockAt(query.locationId), 'stock.csv');
  }

  @Post('import/products')
  @Access(['admin'])
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiHeader(KEY_HEADER)
  @ApiOperation({
    summary: 'Import the catalog from CSV (admin) → 202 {jobId}',
    description:
      `${IMPORT_RULES} Columns as the export's; sku, product_title and price are required. A new SKU ` +
      'becomes a product of its own (product_id empty); a known SKU is changed where the row differs, as ' +
      'a change by hand (audited; a new price reaches open pages and makes printed labels stale).',
  })
  async importProducts(
    @CurrentUser() user: AuthUser,
    @Req() request: FastifyRequest,
    @Headers('idempotency-key') key?: string,
  ): Promise<ImportAccepted> {
    return this.jobs.start(user, 'products', null, key, await saveCsvUpload(request));
  }

  @Post('import/stock')
  @Access(MANAGERS, { query: 'locationId' })
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiHeader(KEY_HEADER)
  @ApiOperation({
    summary: 'Import a stock count of a location from CSV (admin, manager of it) → 202 {jobId}',
    description:
      `${IMPORT_RULES} Columns sku and on_hand (title is ignored): each row sets on hand to the figure ` +
      'counted, with a `count` ledger row and a stock.changed event; a count below what is held for orders ' +
      'is refused for that row.',
  })
  async importStock(
    @CurrentUser() user: AuthUser,
    @Query() query: LocationFileQuery,
    @Req() request: FastifyRequest,
    @Headers('idempotency-key') key?: string,
  ): Promise<ImportAccepted> {
    return this.jobs.start(user, 'stock', query.locationId, key, await saveCsvUpload(request));
  }

  @Get('import/:jobId')
  @Access(MANAGERS)
  @ApiOperation({
    summary: 'Progress of an import: status, processed of total, created, updated and refused rows',
    description:
      'Its starter (or an admin) only. errors lists the first 1,000 refused rows; failed counts all.',
  })
  job(@CurrentUser() user: AuthUser, @Param('jobId') jobId: string): Promise<ImportJobView> {
    return this.jobs.view(user, jobId);
  }
}

function csvFile(stream: Readable, name: string): StreamableFile {
  return new StreamableFile(stream, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${name}"`,
  });
}
