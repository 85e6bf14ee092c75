import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { NearbyAvailability, Page, ScanView, TagView } from '@o2o/contracts';

/*
 * Response shapes for /docs only: the types themselves live in libs/contracts. Each class implements
 * its contract type, so the documentation cannot drift from what the server answers.
 */

export class TagViewDoc implements TagView {
  @ApiProperty({ description: '22 URL-safe characters, 128 random bits: the secret printed in the QR' })
  code: string;
  @ApiProperty({ example: 'https://shop.example/s/3q2-7wEjRkSqF9mZL1b0Xg' }) url: string;
  @ApiProperty() sku: string;
  @ApiProperty({ format: 'uuid' }) locationId: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null for a shelf tag' }) serial: string | null;
  @ApiPropertyOptional({ description: 'Staff views only' }) scanCount?: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) lastScannedAt?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) unitSoldAt?: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) createdAt?: string;
}

export class TagPageDoc implements Page<TagView> {
  @ApiProperty({ type: [TagViewDoc] }) items: TagViewDoc[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the next page' })
  next: string | null;
}

class ScanTagDoc extends TagViewDoc {
  @ApiPropertyOptional({
    description: 'Serial tags only: the unit is not marked sold and stock is available here',
  })
  unitForSale?: boolean;
}

class MoneyDoc {
  @ApiProperty({ description: 'Integer minor units' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
}

class ScanLocationDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() pickupEnabled: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) address: ScanView['location']['address'];
}

class ScanProductDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
}

class ScanVariantDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() sku: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: MoneyDoc }) price: MoneyDoc;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) attributes: Record<
    string,
    string
  >;
}

class NearbyDoc implements NearbyAvailability {
  @ApiProperty({ format: 'uuid' }) locationId: string;
  @ApiProperty() name: string;
  @ApiProperty() available: number;
  @ApiProperty({ type: Number, nullable: true }) distanceKm: number | null;
  @ApiProperty({ description: 'Takes click-and-collect orders' }) pickup: boolean;
}

export class ScanViewDoc implements ScanView {
  @ApiProperty({ type: ScanTagDoc }) tag: ScanTagDoc;
  @ApiProperty({ type: ScanLocationDoc }) location: ScanLocationDoc;
  @ApiProperty({ type: ScanProductDoc }) product: ScanProductDoc;
  @ApiProperty({ type: ScanVariantDoc }) variant: ScanVariantDoc;
  @ApiProperty() availableHere: number;
  @ApiProperty({ type: [NearbyDoc] }) nearby: NearbyDoc[];
  @ApiProperty({ description: 'What the online shop can ship' }) online: number;
}
