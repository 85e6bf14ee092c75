import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import type { ResendVerificationRequest, SupportedLocale, VerifyEmailRequest } from '@o2o/contracts';
import { RegisterDto } from '../auth/auth.dto';
import { IsOptional } from '../common/validation';

const LOCALES: SupportedLocale[] = ['nl', 'en'];

export class RegisterCustomerDto extends RegisterDto {
  @ApiPropertyOptional({ enum: LOCALES, description: 'The language of the verification email (default en)' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: SupportedLocale;
}

export class VerifyEmailDto implements VerifyEmailRequest {
  @ApiProperty({ description: 'The token of the link in the verification email' })
  @IsString()
  @Length(1, 200)
  token: string;
}

export class ResendVerificationDto implements ResendVerificationRequest {
  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: SupportedLocale;
}
