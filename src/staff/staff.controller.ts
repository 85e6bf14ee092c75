import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserView } from '../../libs/contracts/src';
import { Access, MANAGERS } from '../auth/access';
import { toUserView } from '../auth/auth.service';
import { CurrentUser } from '../common/current-user.decorator';
import type { AuthUser } from '../common/request-context';
import { CreateUserDto } from './staff.dto';
import { StaffService } from './staff.service';

@ApiTags('auth')
@Controller()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post('users')
  @Access(MANAGERS)
  @ApiOperation({
    summary: 'Create a user (admin; or a manager, for clerks and managers of their locations)',
  })
  async createUser(@Body() body: CreateUserDto, @CurrentUser() user: AuthUser): Promise<UserView> {
    return toUserView(await this.staff.create(user, body));
  }
}
