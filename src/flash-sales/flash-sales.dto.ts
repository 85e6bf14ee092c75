import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsInt,
  IsISO8601,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { IsNested, IsOptional } from '../common/validation';
import type { CreateFlashSaleRequest, JoinQueueRequest } from '@o2o/contracts';

export const MAX_SALE_LINES = 50;
const MAX_UNITS = 1_000_000;

export class FlashSaleLineDto {
  @ApiProperty() @IsString() @Length(1, 64) sku: string;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(MAX_UNITS) units: number;
  @ApiProperty({ description: 'Sale price in minor units' }) @IsInt() @Min(0) @Max(100_000_000) price: number;
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(MAX_UNITS) perCustomerLimit: number;
}

export class CreateFlashSaleDto implements CreateFlashSaleRequest {
  @ApiProperty() @IsString() @Length(1, 200) title: string;
  @ApiProperty() @IsISO8601({ strict: true }) startsAt: string;
  @ApiProperty() @IsISO8601({ strict: true }) endsAt: string;
  @ApiProperty({ type: [FlashSaleLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SALE_LINES)
  @IsNested(() => FlashSaleLineDto, { each: true })
  lines: FlashSaleLineDto[];
  @ApiPropertyOptional({
    description: 'A store drop; without it, the online stock (a ship-enabled location)',
  })
  @IsOptional()
  @IsUUID()
  locationId?: string;
}

export class JoinQueueDto implements JoinQueueRequest {
  @ApiProperty() @IsEmail() @Length(3, 254) email: string;
}
