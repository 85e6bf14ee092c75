import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class LocationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

export class EventsQuery {
  @ApiPropertyOptional({
    minimum: 0,
    default: 0,
    description: 'The last seq the terminal applied (or the `next` of the previous page); 0 for all kept',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

class TerminalEventDoc {
  @ApiProperty({ description: 'Counts up by exactly 1 per location, in commit order' }) seq: number;
  @ApiProperty({ format: 'uuid' }) locationId: string;
  @ApiProperty({ enum: ['stock.changed', 'order.created', 'order.updated', 'transfer.updated'] })
  type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: object;
}

export class TerminalEventPageDoc {
  @ApiProperty({ type: [TerminalEventDoc] }) items: TerminalEventDoc[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as `after` for the next page; null when done',
  })
  next: string | null;
  @ApiProperty({ description: 'The newest seq of the location when read' }) lastSeq: number;
}
