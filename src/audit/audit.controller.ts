import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { AUDIT_ENTITIES, type AuditEntity, type AuditEntryView, type Page } from '@o2o/contracts';
import { Access } from '../auth/access';
import { PageQuery } from '../common/pagination';
import { AuditLog } from './audit-log.service';
import { IsOptional } from '../common/validation';

export class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: AUDIT_ENTITIES })
  @IsOptional()
  @IsIn(AUDIT_ENTITIES)
  entity?: AuditEntity;

  @ApiPropertyOptional({ description: 'The id (or SKU) of the changed thing' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ description: "Search the actor's email, the id or the action" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Access(['admin'])
  @ApiOperation({
    summary: 'Who changed which price, product, location, user or stock, and when (newest first)',
  })
  page(@Query() query: AuditQueryDto): Promise<Page<AuditEntryView>> {
    return this.audit.page(query);
  }
}
