import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
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
  ValidateBy,
} from 'class-validator';
import { IsNested, IsOptional } from '../common/validation';
import type { LocationType, OpeningHours } from '@o2o/contracts';
import { openingHoursProblem } from './opening-hours';

/** Opening hours in the contract's shape, refused in plain words (which day, what is wrong). */
function IsOpeningHours() {
  return ValidateBy({
    name: 'isOpeningHours',
    validator: {
      validate: (value) => openingHoursProblem(value) === null,
      defaultMessage: (args) => `${args?.property} ${openingHoursProblem(args?.value)}`,
    },
  });
}

export class ClosureDto {
  @ApiProperty({ example: '2026-12-25', description: 'local date YYYY-MM-DD' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date must be a date as YYYY-MM-DD' })
  date: string;

  @ApiPropertyOptional({ example: 'Christmas' }) @IsOptional() @IsString() @Length(1, 100) note?: string;
}

export class AddressDto {
  @ApiProperty({ example: 'Kalverstraat 92' }) @IsString() @Length(1, 200) line1: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) line2?: string;
  @ApiProperty({ example: 'Amsterdam' }) @IsString() @Length(1, 100) city: string;
  @ApiProperty({ example: '1012 PH' }) @IsString() @Length(1, 20) postalCode: string;
  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2' }) @IsISO31661Alpha2() country: string;
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

  @ApiPropertyOptional({
    description:
      'Per weekday (mon … sun) a list of ["HH:mm", "HH:mm"] windows in local time; a missing or empty day is ' +
      'closed; no hours at all: open around the clock',
    example: { mon: [['09:00', '18:00']], sat: [['10:00', '17:00']], sun: [] },
  })
  @IsOptional()
  @IsOpeningHours()
  openingHours?: OpeningHours;

  @ApiPropertyOptional({
    description: 'Dates (local, YYYY-MM-DD) the location is closed',
    example: [{ date: '2026-12-25' }],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(366)
  @IsNested(() => ClosureDto, { each: true })
  closures?: ClosureDto[];

  @ApiPropertyOptional({
    default: 60,
    minimum: 0,
    maximum: 10080,
    description: 'Open minutes to get a pickup ready',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10080)
  pickupPrepMinutes?: number;

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
