import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsSku } from '../catalog/catalog.dto';
import { PageQuery } from '../common/pagination';
import { IsOptional, toQueryList } from '../common/validation';
import { LABEL_FORMATS, type LabelFormat } from './label-sheet';
import type { CreateTagBatchRequest, CreateTagRequest } from '@o2o/contracts';

/** The most SKUs one batch or label sheet takes: a whole shelf, printed in one go. */
export const MAX_SKUS_PER_REQUEST = 500;

/** Printable characters without surrounding spaces: serials come off stickers and scanners. */
const SERIAL_PATTERN = /^\S(.*\S)?$/;

export class CreateTagDto implements CreateTagRequest {
  @ApiProperty({ example: 'SHIRT-LINEN-M' })
  @IsSku()
  sku: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  locationId: string;

  @ApiPropertyOptional({
    description: 'Serial number of one physical unit (high-value items). Without it the tag is a shelf tag.',
    example: 'SN-0042',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(SERIAL_PATTERN, { message: 'serial must not start or end with whitespace' })
  serial?: string;
}

export class CreateTagBatchDto implements CreateTagBatchRequest {
  @ApiProperty({
    type: [String],
    maxItems: MAX_SKUS_PER_REQUEST,
    description: 'SKUs to give a shelf tag at this location; existing live tags are returned as they are.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SKUS_PER_REQUEST)
  @IsSku({ each: true })
  skus: string[];
}

export const TAG_SORTS = ['created', 'scans'] as const;
export type TagSort = (typeof TAG_SORTS)[number];

export class TagListQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: TAG_SORTS,
    default: 'created',
    description: '`created`: oldest first. `scans`: most scanned first (ties by code).',
  })
  @IsOptional()
  @IsIn(TAG_SORTS)
  sort?: TagSort;

  @ApiPropertyOptional({ minimum: 0, description: 'Only tags scanned at least this many times' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  minScans?: number;

  @ApiPropertyOptional({ description: 'Only the tags of this SKU' })
  @IsOptional()
  @IsSku()
  sku?: string;
}

export class LabelSheetQuery {
  @ApiPropertyOptional({
    type: [String],
    description:
      'Repeatable (`?sku=A&sku=B`, or `?sku=A,B`). Without it: every variant stocked at the location.',
  })
  @IsOptional()
  @Transform(toQueryList)
  @IsArray()
  @ArrayMaxSize(MAX_SKUS_PER_REQUEST)
  @IsSku({ each: true })
  sku?: string[];

  @ApiPropertyOptional({
    enum: LABEL_FORMATS,
    default: 'a4',
    description: '`a4`: A4 sheets of 3 × 8 labels (70 × 37 mm). `label`: one 50 × 30 mm label per page.',
  })
  @IsOptional()
  @IsIn(LABEL_FORMATS)
  format?: LabelFormat;
}
