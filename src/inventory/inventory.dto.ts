import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  NotEquals,
  ValidateBy,
} from 'class-validator';
import { ADJUSTMENT_REASONS, type AdjustmentReason, type TransferStatus } from '@o2o/contracts';
import { IsSku } from '../catalog/catalog.dto';
import { PageQuery } from '../common/pagination';
import { IsNested, IsOptional, toQueryList } from '../common/validation';
import { MAX_QTY } from './adjustment-rules';
import { MAX_ON_HAND } from './inventory.service';
import type { AdjustmentRequest, CreateTransferRequest, ReceiveTransferRequest } from '@o2o/contracts';

export class AvailabilityQuery {
  @ApiProperty({ type: [String], description: 'One or more SKUs: ?sku=A&sku=B (or ?sku=A,B)' })
  @Transform(toQueryList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsSku({ each: true })
  sku: string[];

  @ApiPropertyOptional({
    example: '52.3676,4.9041',
    description: 'lat,lng: locations nearest first, with distanceKm',
  })
  @IsOptional()
  @Matches(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, { message: 'near must be "lat,lng"' })
  @ValidateBy({
    name: 'isOnTheMap',
    validator: {
      validate: (value: unknown) => {
        const [lat, lng] = String(value).split(',').map(Number);
        return Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
      },
      defaultMessage: () => 'near must have a latitude within ±90 and a longitude within ±180',
    },
  })
  near?: string;
}

export class StockQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only this SKU' })
  @IsOptional()
  @IsSku()
  sku?: string;

  @ApiPropertyOptional({ description: 'SKUs or variant titles containing this text (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class MovementQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the ledger of this SKU' })
  @IsOptional()
  @IsSku()
  sku?: string;
}

export class AdjustmentDto implements AdjustmentRequest {
  @ApiProperty({ example: 'TEE-ORG-WHT-M' }) @IsSku() sku: string;

  @ApiPropertyOptional({ description: 'Units to add (+) or remove (−); give this or onHand', example: 12 })
  @IsOptional()
  @IsInt()
  @NotEquals(0)
  @Min(-MAX_QTY)
  @Max(MAX_QTY)
  delta?: number;

  @ApiPropertyOptional({ description: 'The counted figure: the difference is recorded; give this or delta' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_QTY)
  onHand?: number;

  @ApiProperty({ enum: ADJUSTMENT_REASONS }) @IsIn(ADJUSTMENT_REASONS) reason: AdjustmentReason;

  @ApiPropertyOptional({
    description: 'On hand as the counter last saw it: 409 STALE_QUANTITY if it moved since',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ON_HAND)
  expectedOnHand?: number;

  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class SafetyStockDto {
  @ApiProperty({
    description: 'Units of this SKU the location keeps back from sale (0 for none)',
    example: 2,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_QTY)
  safetyStock: number;
}

export class TransferLineDto {
  @ApiProperty() @IsSku() sku: string;
  @ApiProperty({ minimum: 1, maximum: MAX_QTY }) @IsInt() @Min(1) @Max(MAX_QTY) qty: number;
}

export class CreateTransferDto implements CreateTransferRequest {
  @ApiProperty({ description: 'Where the stock leaves from (you must be staff of it)' })
  @IsString()
  @MaxLength(36)
  fromLocationId: string;

  @ApiProperty() @IsString() @MaxLength(36) toLocationId: string;

  @ApiProperty({ type: [TransferLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsNested(() => TransferLineDto, { each: true })
  lines: TransferLineDto[];

  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class ReceiveLineDto {
  @ApiProperty() @IsSku() sku: string;

  @ApiPropertyOptional({ description: 'Units that arrived (0 up to the shipped qty)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_QTY)
  receivedQty?: number;

  @ApiPropertyOptional({ description: 'Same as receivedQty (either name is accepted)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_QTY)
  qty?: number;
}

export class ReceiveTransferDto implements ReceiveTransferRequest {
  @ApiPropertyOptional({
    type: [ReceiveLineDto],
    description: 'Lines that arrived short; lines not listed (or no body at all) arrived in full',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsNested(() => ReceiveLineDto, { each: true })
  lines?: ReceiveLineDto[];

  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class TransferListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['in_transit', 'received'] })
  @IsOptional()
  @IsIn(['in_transit', 'received'])
  status?: TransferStatus;

  @ApiPropertyOptional({ enum: ['in', 'out'], description: 'Arriving here (in) or leaving from here (out)' })
  @IsOptional()
  @IsIn(['in', 'out'])
  direction?: 'in' | 'out';
}
