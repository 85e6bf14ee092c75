import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  isPostalCode,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
} from 'class-validator';
import { isPostalCodeLocales, type PostalCodeLocale } from 'validator';
import { IsNested, IsOptional } from '../common/validation';
import { FULFILLMENT_TYPES, ORDER_STATUSES, PAYMENT_METHODS, SHIP_COUNTRIES } from '@o2o/contracts';
import type {
  CustomerMessageKind,
  FulfillmentType,
  OrderStatus,
  PaymentMethod,
  SupportedLocale,
} from '@o2o/contracts';
import { RESENDABLE_KINDS } from './order-messages';
import { PageQuery } from '../common/pagination';
import { AddressDto } from '../locations/locations.dto';
import type {
  CollectRequest,
  PlaceOrderRequest,
  RescheduleRequest,
  ResendMessageRequest,
  ShipRequest,
  ShippingQuoteRequest,
  ShortLineRequest,
  UnlockRequest,
} from '@o2o/contracts';

export const MAX_ORDER_LINES = 100;
export const MAX_LINE_QTY = 10_000;

export class OrderLineDto {
  @ApiProperty({ example: 'MUG-BLUE' }) @IsString() @Length(1, 64) sku: string;
  @ApiProperty({ minimum: 1, maximum: MAX_LINE_QTY }) @IsInt() @Min(1) @Max(MAX_LINE_QTY) qty: number;
}

const knowsPostcodesOf = (country: string): country is PostalCodeLocale =>
  (isPostalCodeLocales as string[]).includes(country);
const countryOf = (args?: ValidationArguments) =>
  String((args?.object as AddressDto).country ?? '').toUpperCase();

/**
 * A postcode in its country's format (validator.js knows NL, BE, DE, FR, GB and most others); for a
 * country it does not know, any text of the address's length limits.
 */
function IsPostcodeOfCountry(): PropertyDecorator {
  return ValidateBy({
    name: 'isPostcodeOfCountry',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const country = countryOf(args);
        if (typeof value !== 'string') return false;
        return !knowsPostcodesOf(country) || isPostalCode(value.trim(), country);
      },
      defaultMessage: (args?: ValidationArguments) => {
        const country = countryOf(args);
        const example = SHIP_COUNTRIES[country as keyof typeof SHIP_COUNTRIES]?.postcodeExample;
        return `$property is not a postcode of ${country}${example ? `, like ${example}` : ''}`;
      },
    },
  });
}

export class ShipAddressDto extends AddressDto {
  @ApiProperty({ example: '1016 GV', description: "Checked against the country's postcode format" })
  @IsPostcodeOfCountry()
  declare postalCode: string;

  @ApiPropertyOptional({ description: 'With lng: lets the server ship from the nearest location' })
  @IsOptional()
  @IsLatitude()
  lat?: number;

  @ApiPropertyOptional() @IsOptional() @IsLongitude() lng?: number;
}

export class FulfillmentDto {
  @ApiProperty({ enum: FULFILLMENT_TYPES }) @IsIn(FULFILLMENT_TYPES) type: FulfillmentType;

  @ApiPropertyOptional({
    description: 'Required for pickup and instore; for ship, optional (the server sources one)',
  })
  @ValidateIf((f: FulfillmentDto) => f.type !== 'ship' || f.locationId !== undefined)
  @IsUUID('all', { message: 'locationId must be the id of a location' })
  locationId?: string;

  @ApiPropertyOptional({ type: ShipAddressDto, description: 'Required for ship, refused otherwise' })
  @ValidateIf((f: FulfillmentDto) => f.type === 'ship' || f.address !== undefined)
  @IsNested(() => ShipAddressDto)
  address?: ShipAddressDto;
}

export class CustomerDto {
  @ApiProperty({ example: 'Ada Lovelace' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({
    example: 'ada@example.com',
    description: 'Required, except in an order staff place for a customer at the counter who gives a phone',
  })
  @ValidateIf((c: CustomerDto) => c.email !== undefined || !c.phone)
  @IsEmail()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 40) phone?: string;
  @ApiPropertyOptional({
    enum: ['nl', 'en'],
    description: "The language of the messages; default the store's",
  })
  @IsOptional()
  @IsIn(['nl', 'en'])
  locale?: SupportedLocale;
}

export class ResendMessageDto implements ResendMessageRequest {
  @ApiProperty({ enum: RESENDABLE_KINDS, description: 'Which message to send again' })
  @IsIn(RESENDABLE_KINDS)
  kind: CustomerMessageKind;
}

/** The lines of a basket: what an order and a shipping quote are both made of. */
export class OrderLinesDto {
  @ApiProperty({ type: [OrderLineDto], minItems: 1, maxItems: MAX_ORDER_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @IsNested(() => OrderLineDto, { each: true })
  lines: OrderLineDto[];
}

export class ShippingQuoteDto extends OrderLinesDto implements ShippingQuoteRequest {}

/** The fulfilment is validated in one flat shape (the contract's union is narrowed by the placement's checks). */
export class PlaceOrderDto extends OrderLinesDto implements Omit<PlaceOrderRequest, 'fulfillment'> {
  @ApiProperty({ type: FulfillmentDto })
  @IsNested(() => FulfillmentDto)
  fulfillment: FulfillmentDto;

  @ApiPropertyOptional({
    type: CustomerDto,
    description:
      'Required for pickup and ship; a counter sale (instore) with an email mails its receipt there',
  })
  @ValidateIf((o: PlaceOrderDto) => o.fulfillment?.type !== 'instore' || o.customer !== undefined)
  @IsNested(() => CustomerDto)
  customer?: CustomerDto;

  @ApiPropertyOptional({
    enum: PAYMENT_METHODS,
    description:
      '`at_pickup` only for pickup; `cash`, `card` or `other` only for instore. Required for pickup and ship; ' +
      'an in-store sale is paid at once (recorded as `online` when not given)',
  })
  @ValidateIf((o: PlaceOrderDto) => o.fulfillment?.type !== 'instore' || o.payment !== undefined)
  @IsIn(PAYMENT_METHODS)
  payment?: PaymentMethod;

  @ApiPropertyOptional({
    description:
      'Cash sale only: the cash handed over, in minor units, at least the total; the answer has `change`',
    minimum: 0,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  tendered?: number;
}

export class UnlockDto implements UnlockRequest {
  @ApiPropertyOptional({
    description: 'Why the manager unlocks it (e.g. "identity checked: passport"); told to the terminals',
    example: 'Identity checked',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;
}

export class CollectDto implements CollectRequest {
  @ApiProperty({
    description: 'The code the customer shows (any case; spaces and dashes ignored) or the scanned QR text',
    example: 'K7M2QX',
  })
  @IsString()
  @Length(1, 100)
  pickupCode: string;
}

export class ShipDto implements ShipRequest {
  @ApiProperty({ example: 'PostNL' }) @IsString() @Length(1, 100) carrier: string;
  @ApiProperty({ example: '3SABCD1234567' }) @IsString() @Length(1, 100) trackingNumber: string;
}

export class RescheduleDto implements RescheduleRequest {
  @ApiProperty({ description: 'The new hold deadline (ISO-8601, in the future)' })
  @IsISO8601({ strict: true })
  expiresAt: string;
}

export class ShortLineDto implements ShortLineRequest {
  @ApiProperty({
    description: 'How many units of the line the clerk found (fewer than ordered); 0 cancels the line',
    minimum: 0,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_LINE_QTY)
  found: number;
}

export class LocationOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
}

export class DayReportQuery {
  @ApiPropertyOptional({
    description: "The store's local day (YYYY-MM-DD); default today there",
    example: '2026-12-04',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a day as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  date?: string;
}
