import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsUUID, Matches } from 'class-validator';
import { REPORT_FORMATS, type ReportFormat } from '@o2o/contracts';
import { IsOptional } from '../common/validation';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Which stores a report covers (default: every store the caller may see) and how it is answered. */
export class StockValueQuery {
  @ApiPropertyOptional({ description: 'One location; default every location the caller manages' })
  @IsOptional()
  @IsUUID('all', { message: 'locationId must be the id of a location' })
  locationId?: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'csv: the same rows as a CSV download' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

export class ReportQuery extends StockValueQuery {
  @ApiPropertyOptional({
    description: "First local day (YYYY-MM-DD, in each store's time zone); default 6 days before `to`",
    example: '2026-11-28',
  })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    description: 'Last local day, included (YYYY-MM-DD); default today',
    example: '2026-12-04',
  })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day as YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to?: string;
}
