import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { COUNTER_PAYMENT_METHODS, REFUND_TARGETS, RETURN_CONDITIONS } from '@o2o/contracts';
import type {
  CounterPaymentMethod,
  ExchangeRequest,
  RefundTarget,
  ReturnCondition,
  ReturnRequest,
} from '@o2o/contracts';
import { IsNested, IsOptional } from '../common/validation';
import { MAX_ORDER_LINES, OrderLineDto } from '../orders/orders.dto';

export class ReturnLineDto extends OrderLineDto {
  @ApiProperty({
    enum: RETURN_CONDITIONS,
    description: 'resaleable: back on hand here; damaged: written off',
  })
  @IsIn(RETURN_CONDITIONS)
  condition: ReturnCondition;
}

export class ReturnDto implements ReturnRequest {
  @ApiProperty({ description: 'The store the units are brought to (any store of the retailer)' })
  @IsUUID('all', { message: 'locationId must be the id of a location' })
  locationId: string;

  @ApiProperty({ type: [ReturnLineDto], minItems: 1, maxItems: MAX_ORDER_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @IsNested(() => ReturnLineDto, { each: true })
  lines: ReturnLineDto[];

  @ApiPropertyOptional({ enum: REFUND_TARGETS, default: 'original' })
  @IsOptional()
  @IsIn(REFUND_TARGETS)
  refundTo?: RefundTarget;
}

export class ExchangeDto implements ExchangeRequest {
  @ApiProperty({ description: 'The store of the exchange: units come back and the new ones leave here' })
  @IsUUID('all', { message: 'locationId must be the id of a location' })
  locationId: string;

  @ApiProperty({ type: [ReturnLineDto], minItems: 1, maxItems: MAX_ORDER_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @IsNested(() => ReturnLineDto, { each: true })
  returnLines: ReturnLineDto[];

  @ApiProperty({ type: [OrderLineDto], minItems: 1, maxItems: MAX_ORDER_LINES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  @IsNested(() => OrderLineDto, { each: true })
  newLines: OrderLineDto[];

  @ApiPropertyOptional({
    enum: COUNTER_PAYMENT_METHODS,
    description: 'How the customer pays the difference; required when the new items cost more',
  })
  @IsOptional()
  @IsIn(COUNTER_PAYMENT_METHODS)
  payment?: CounterPaymentMethod;

  @ApiPropertyOptional({
    enum: REFUND_TARGETS,
    description: 'Where a difference in the customer’s favour goes',
  })
  @IsOptional()
  @IsIn(REFUND_TARGETS)
  refundTo?: RefundTarget;
}

export class LookupQuery {
  @ApiProperty({ description: 'Order number, email, phone, or the text of a pickup/receipt QR' })
  @IsString()
  @Length(3, 200)
  q: string;
}
