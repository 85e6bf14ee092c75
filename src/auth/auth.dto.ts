import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import type { LoginRequest, RegisterRequest } from '@o2o/contracts';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'clerk.riverside@example.com' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class RegisterDto implements RegisterRequest {
  @ApiProperty()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @Length(8, 200)
  password: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name: string;
}
