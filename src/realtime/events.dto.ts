import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { IsOptional } from '../common/validation';
import { LimitQuery } from '../common/pagination';

export class LocationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}

/** `after` is a seq here, not an opaque cursor: terminals resume from the last seq they applied. */
export class EventsQuery extends LimitQuery {
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
