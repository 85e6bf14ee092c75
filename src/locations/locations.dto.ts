import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNumber,
  IsString,
  IsTimeZone,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsNested, IsOptional } from '../common/validation';
import type { LocationType } from '../../libs/contracts/src';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class AddressDto {
  @ApiProperty({ example: 'Kalverstraat 92' }) @IsString() @Length(1, 200) line1: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) line2?: string;
  @ApiProperty({ example: 'Amsterdam' }) @IsString() @Length(1, 100) city: string;
  @ApiProperty({ example: '1012 PH' }) @IsString() @Length(1, 20) postalCode: string;
  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2' }) @IsISO31661Alpha2() country: string;
}

export class DayHoursDto {
  @ApiProperty({ example: '09:00', description: 'local time HH:mm' }) @Matches(HH_MM) open: string;
  @ApiProperty({ example: '18:00', description: 'local time HH:mm' }) @Matches(HH_MM) close: string;
}

/** A missing day is closed. */
export class OpeningHoursDto {
  @ApiPropertyOptional() @IsOptional() @IsNested(() => DayHoursDto) mon?: DayHoursDto;
  @ApiPropertyOptional() @IsOptional() @IsNested(() => DayHoursDto) tue?: DayHoursDto;
  @ApiPropertyOptional() @IsOptional() @IsNested(() => DayHoursDto) wed?: DayHoursDto;
  @ApiPropertyOptional() @IsOptional() @IsNested(() => DayHoursDto) thu?: DayHoursDto;
  @ApiPropertyOptional() @IsOptional() @IsNested(() => DayHoursDto) fri?: DayHoursDto;
  @ApiPropertyOptional() @IsOptional() @IsNested(() => DayHoursDto) sat?: DayHoursDto;
  @ApiPropertyOptional() @IsOptional() @IsNested(() => DayHoursDto) sun?: DayHoursDto;
}

export class CreateLocationDto {
  @ApiProperty({ example: 'AMS-KAL', description: 'Short unique code (letters, digits, - and _)' })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'code must be 1-32 letters, digits, - or _' })
  code: string;

  @ApiProperty({ example: 'Kalverstraat' }) @IsString() @Length(1, 200) name: string;

  @ApiProperty({ enum: ['store', 'warehouse'] }) @IsIn(['store', 'warehouse']) type: LocationType;

  @ApiProperty({ type: AddressDto }) @IsNested(() => AddressDto) address: AddressDto;

  @ApiPropertyOptional({ minimum: -90, maximum: 90, nullable: true })
  @IsOptional({ nullable: true })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat?: number | null;

  @ApiPropertyOptional({ minimum: -180, maximum: 180, nullable: true })
  @IsOptional({ nullable: true })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng?: number | null;

  @ApiProperty({ example: 'Europe/Amsterdam', description: 'IANA time zone' }) @IsTimeZone() timezone: string;

  @ApiPropertyOptional({ type: OpeningHoursDto })
  @IsOptional()
  @IsNested(() => OpeningHoursDto)
  openingHours?: OpeningHoursDto;

  @ApiProperty({ description: 'Customers may reserve here and collect' }) @IsBoolean() pickupEnabled: boolean;

  @ApiProperty({ description: 'Ships online orders: its stock counts for the online shop' })
  @IsBoolean()
  shipEnabled: boolean;

  @ApiPropertyOptional({ default: 48, minimum: 1, maximum: 720, description: 'How long a ready order waits' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  pickupHoldHours?: number;
}

/** Every field may be left out; `null` is refused as in the create, except where that allows it (lat, lng). */
export class UpdateLocationDto extends PartialType(CreateLocationDto, { skipNullProperties: false }) {}
