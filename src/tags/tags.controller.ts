import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { Page, ScanView, StaleLabelView, TagView } from '@o2o/contracts';
import { Access, Public, STAFF } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import type { AuthUser } from '../common/request-context';
import { LabelsService } from './labels.service';
import { ScanViewDoc, TagPageDoc, TagViewDoc } from './tags.docs';
import { ScanService } from './scan.service';
import { CreateTagBatchDto, CreateTagDto, LabelSheetQuery, TagListQuery } from './tags.dto';
import { TagsService } from './tags.service';

const UNKNOWN_TAG = 'NOT_FOUND: no live tag has this code (never issued, or revoked)';
/** Public routes that tell whether a code exists share the per-address scan limit. */
const ScanThrottle = () =>
  applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ address: true, account: true, flash: true }));

/**
 * A non-JSON answer. Its content type is set only on success (unlike @Header, which would also label
 * the JSON error body of a failing request as an image or a page).
 */
function file(content: string | Buffer, type: string): StreamableFile {
  return new StreamableFile(typeof content === 'string' ? Buffer.from(content) : content, { type });
}

@ApiTags('tags')
@Controller()
export class TagsController {
  constructor(
    private readonly tags: TagsService,
    private readonly labels: LabelsService,
    private readonly scans: ScanService,
  ) {}

  @Post('tags')
  @Access(STAFF, { body: 'locationId' })
  @ApiOperation({
    summary: 'Issue a QR tag for a SKU at a location (shelf tag), or for one unit with a serial',
    description: 'Idempotent per (SKU, location, serial): while a live tag exists, it is answered again.',
  })
  @ApiCreatedResponse({ type: TagViewDoc })
  create(@Body() body: CreateTagDto, @CurrentUser() user: AuthUser): Promise<TagView> {
    return this.tags.issue(user, body);
  }

  @Post('locations/:id/tags/batch')
  @Access(STAFF, { param: 'id' })
  @ApiOperation({
    summary: 'Issue shelf tags for several SKUs at a location in one go',
    description:
      'Answers one tag per distinct SKU, in the order asked; SKUs that already have a live shelf tag here ' +
      'get it back unchanged. Unknown SKUs: 404 with details.skus, and nothing is issued.',
  })
  @ApiCreatedResponse({ type: [TagViewDoc] })
  createBatch(
    @Param('id') locationId: string,
    @Body() body: CreateTagBatchDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TagView[]> {
    return this.tags.issueBatch(user, locationId, body.skus);
  }

  @Get('locations/:id/tags')
  @Access(STAFF, { param: 'id' })
  @ApiOperation({
    summary: "A location's live tags with how often each was scanned",
    description:
      '`sort=scans` lists the most scanned first; `minScans` keeps tags scanned at least that often.',
  })
  @ApiOkResponse({ type: TagPageDoc })
  list(@Param('id') locationId: string, @Query() query: TagListQuery): Promise<Page<TagView>> {
    return this.tags.list(locationId, query);
  }

  @Delete('tags/:code')
  @Access(STAFF)
  @HttpCode(204)
  @ApiOperation({ summary: "Revoke a tag (staff of the tag's location): its code answers 404 from now on" })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiNotFoundResponse({ description: UNKNOWN_TAG })
  revoke(@Param('code') code: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.tags.revoke(user, code);
  }

  @Post('tags/:code/sold')
  @Access(STAFF)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark the unit a serial tag is on as sold',
    description: 'Scans then say the unit is no longer for sale. A shelf tag answers 409 INVALID_TRANSITION.',
  })
  @ApiNotFoundResponse({ description: UNKNOWN_TAG })
  @ApiOkResponse({ type: TagViewDoc })
  markSold(@Param('code') code: string, @CurrentUser() user: AuthUser): Promise<TagView> {
    return this.tags.markUnitSold(user, code);
  }

  @Get('tags/:code/qr.svg')
  @Public()
  @ScanThrottle()
  @ApiProduces('image/svg+xml')
  @ApiOperation({ summary: "The tag's QR code (its scan URL) as SVG, error correction level Q" })
  @ApiNotFoundResponse({ description: UNKNOWN_TAG })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: like scans, per address (SCAN_RATE_LIMIT)' })
  async qrSvg(@Param('code') code: string): Promise<StreamableFile> {
    return file(await this.tags.qrSvg(code), 'image/svg+xml; charset=utf-8');
  }

  @Get('tags/:code/qr.png')
  @Public()
  @ScanThrottle()
  @ApiProduces('image/png')
  @ApiOperation({ summary: "The tag's QR code (its scan URL) as a 512 px PNG, error correction level Q" })
  @ApiNotFoundResponse({ description: UNKNOWN_TAG })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: like scans, per address (SCAN_RATE_LIMIT)' })
  async qrPng(@Param('code') code: string): Promise<StreamableFile> {
    return file(await this.tags.qrPng(code), 'image/png');
  }

  @Get('locations/:id/labels')
  @Access(STAFF, { param: 'id' })
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'A printable label sheet (HTML) of shelf tags: product, variant, price, SKU and QR',
    description:
      '`sku` is repeatable; without it, every variant the location holds stock levels for. Missing shelf ' +
      'tags are issued (idempotently). `format=a4` (3 × 8 labels of 70 × 37 mm) or `label` (50 × 30 mm).',
  })
  async labelSheet(
    @Param('id') locationId: string,
    @Query() query: LabelSheetQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<StreamableFile> {
    return file(await this.labels.sheet(user, locationId, query), 'text/html; charset=utf-8');
  }

  @Get('locations/:id/labels/stale')
  @Access(STAFF, { param: 'id' })
  @ApiOperation({
    summary: 'SKUs whose printed shelf labels here show an old price: reprint them',
    description: 'A label counts as printed when its sheet is fetched; a price change makes it stale.',
  })
  staleLabels(@Param('id') locationId: string): Promise<StaleLabelView[]> {
    return this.labels.stale(locationId);
  }

  @Get('scan/:code')
  @Public()
  @ScanThrottle()
  @ApiOperation({
    summary: 'Everything the scan page shows: item, price, live availability here, nearby and online',
    description:
      'Counts the scan. `nearby`: other locations with stock available that a shopper can reach (stores, ' +
      'and locations taking click-and-collect), nearest to the tag’s location first, at most 10. ' +
      'Rate-limited per address (SCAN_RATE_LIMIT per minute).',
  })
  @ApiNotFoundResponse({ description: UNKNOWN_TAG })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many scans from this address' })
  @ApiOkResponse({ type: ScanViewDoc })
  scan(@Param('code') code: string): Promise<ScanView> {
    return this.scans.scan(code);
  }
}
