import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import {
  PRODUCT_STATUSES,
  type ProductStatus,
  type UpdateProductRequest,
  type UpdateVariantRequest,
} from '@o2o/contracts';
import { IsNested, IsOptional } from '../common/validation';
import { PageQuery } from '../common/pagination';

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const MAX_PRICE = 100_000_000;

/**
 * A value shaped like a SKU, wherever one is taken (bodies and queries of every module): a malformed
 * SKU is a 400 naming the field, never a lookup.
 */
export function IsSku(options: ValidationOptions = {}) {
  return Matches(SKU_PATTERN, {
    message: '$property must be 1-64 letters, digits, . _ or - (starting with a letter or digit)',
    ...options,
  });
}

/** A small map of attribute name → value (size, colour, material), all strings. */
function IsAttributes() {
  return ValidateBy({
    name: 'isAttributes',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length <= 20 &&
        Object.entries(value).every(
          ([key, v]) =>
            /^[A-Za-z][\w -]{0,39}$/.test(key) && typeof v === 'string' && v.length >= 1 && v.length <= 100,
        ),
      defaultMessage: () => 'attributes must map up to 20 names to text values (1-100 characters)',
    },
  });
}

export class CreateVariantDto {
  @ApiProperty({ example: 'TEE-ORG-WHT-M', description: 'Unique; letters, digits, . _ -' })
  @IsSku()
  sku: string;

  @ApiProperty({ example: 2995, description: 'Unit price in minor units of the currency' })
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE)
  price: number;

  @ApiPropertyOptional({ example: 'EUR', default: 'EUR' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ example: '8712345678906', description: 'EAN/UPC or another scannable code; unique' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{4,64}$/, { message: 'barcode must be 4-64 letters, digits or -' })
  barcode?: string;

  @ApiPropertyOptional({ description: 'Defaults to the product title with the attribute values' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @ApiPropertyOptional({ example: { size: 'M', colour: 'White' } })
  @IsOptional()
  @IsAttributes()
  attributes?: Record<string, string>;

  @ApiPropertyOptional({
    example: { Size: 'M', Colour: 'White' },
    description: "Its value per product option; the names are the product's options",
  })
  @IsOptional()
  @IsAttributes()
  options?: Record<string, string>;
}

export class ProductOptionDto {
  @ApiProperty({ example: 'Size' })
  @Matches(/^[A-Za-z][\w -]{0,39}$/, { message: 'name must be 1-40 letters, digits, spaces or - _' })
  name: string;

  @ApiProperty({ example: ['S', 'M', 'L'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  values: string[];
}

export class CreateProductDto {
  @ApiProperty({ example: 'Organic cotton T-shirt' }) @IsString() @Length(1, 300) title: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;

  @ApiPropertyOptional({
    type: [ProductOptionDto],
    description: 'The choices a shopper makes (Size, Colour)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsNested(() => ProductOptionDto, { each: true })
  options?: ProductOptionDto[];

  @ApiProperty({ type: [CreateVariantDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsNested(() => CreateVariantDto, { each: true })
  variants: CreateVariantDto[];
}

export class ProductSearchQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Text in the title or description, or a SKU or barcode' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class UpdateProductDto implements UpdateProductRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;

  @ApiPropertyOptional({ enum: PRODUCT_STATUSES, description: 'archived: no longer offered in the shop' })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;
}

export class UpdateVariantDto implements UpdateVariantRequest {
  @ApiPropertyOptional({ example: 3495, description: 'Unit price in minor units of the currency' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE)
  price?: number;

  @ApiPropertyOptional({ example: '8712345678906', nullable: true, description: 'null removes it' })
  @IsOptional({ nullable: true })
  @Matches(/^[A-Za-z0-9-]{4,64}$/, { message: 'barcode must be 4-64 letters, digits or -' })
  barcode?: string | null;

  @ApiPropertyOptional({ example: { size: 'M', colour: 'White' } })
  @IsOptional()
  @IsAttributes()
  attributes?: Record<string, string>;

  @ApiPropertyOptional({
    example: { Size: 'M', Colour: 'White' },
    description:
      "Its value per product option; names must be the product's options, a new value is added to them",
  })
  @IsOptional()
  @IsAttributes()
  options?: Record<string, string>;
}
