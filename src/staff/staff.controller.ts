import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page, UserView } from '@o2o/contracts';
import { Access, MANAGERS } from '../auth/access';
import { toUserView } from '../auth/auth.service';
import { CurrentUser } from '../common/current-user.decorator';
import { mapPage } from '../common/pagination';
import type { AuthUser } from '../common/request-context';
import { CreateUserDto, StaffQuery, UpdateUserDto } from './staff.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@Controller('users')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  @Access(MANAGERS)
  @ApiOperation({
    summary: 'Create a user (admin; or a manager, for clerks and managers of their locations)',
  })
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateUserDto): Promise<UserView> {
    return toUserView(await this.staff.create(user, body));
  }

  @Get()
  @Access(MANAGERS)
  @ApiOperation({ summary: 'Staff accounts (admin: all; a manager: the staff of their locations)' })
  async list(@CurrentUser() user: AuthUser, @Query() query: StaffQuery): Promise<Page<UserView>> {
    return mapPage(await this.staff.list(user, query), toUserView);
  }

  @Patch(':id')
  @Access(MANAGERS)
  @ApiOperation({
    summary: 'Change an account: name, role, locations, active (admin; a manager, for their clerks)',
    description:
      'A change of role, locations or active holds at once: tokens issued before it answer 401 and ' +
      'the terminal sockets of that account are closed, on every instance.',
  })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return toUserView(await this.staff.update(user, id, body));
  }
}
