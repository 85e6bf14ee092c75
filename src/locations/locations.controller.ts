import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LocationView, Page } from '@o2o/contracts';
import { Access, MANAGERS, Public } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import { PageQuery } from '../common/pagination';
import type { AuthUser } from '../common/request-context';
import { CreateLocationDto, UpdateLocationDto } from './locations.dto';
import { LocationsService } from './locations.service';

@ApiTags('locations')
@Controller('locations')
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Stores and warehouses, by code' })
  list(@Query() query: PageQuery): Promise<Page<LocationView>> {
    return this.locations.page(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One location' })
  async get(@Param('id') id: string): Promise<LocationView> {
    return this.locations.toView(await this.locations.get(id));
  }

  @Post()
  @Access(['admin'])
  @ApiOperation({ summary: 'Open a store or warehouse (admin)' })
  create(@Body() body: CreateLocationDto): Promise<LocationView> {
    return this.locations.create(body);
  }

  @Patch(':id')
  @Access(MANAGERS, { param: 'id' })
  @ApiOperation({ summary: 'Change a location (admin, or a manager of it)' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Body() body: UpdateLocationDto,
  ): Promise<LocationView> {
    return this.locations.update(user, id, body);
  }
}
