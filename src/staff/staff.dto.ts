import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, IsUUID, Length } from 'class-validator';
import { ROLES, type Role, type UpdateUserRequest } from '@o2o/contracts';
import { RegisterDto } from '../auth/auth.dto';
import { PageQuery } from '../common/pagination';
import { IsOptional } from '../common/validation';
import type { CreateUserRequest } from '@o2o/contracts';

export class CreateUserDto extends RegisterDto implements CreateUserRequest {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  locationIds?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  declare name: string;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: [String], description: 'The locations a manager or clerk works at' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  locationIds?: string[];

  @ApiPropertyOptional({ description: 'false deactivates the account: it can no longer sign in' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class StaffQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the staff of this location' })
  @IsOptional()
  @IsUUID('all')
  locationId?: string;
}
