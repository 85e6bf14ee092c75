import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiGoneResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TerminalEventPage } from '@o2o/contracts';
import { Access, STAFF } from '../auth/access';
import { CurrentUser } from '../common/current-user.decorator';
import { pageLimit } from '../common/pagination';
import type { AuthUser } from '../common/request-context';
import { EventFeed } from './event-feed.service';
import { EventsQuery, LocationIdParam, TerminalEventPageDoc } from './events.dto';

@ApiTags('realtime')
@Controller('locations/:id/events')
export class EventsController {
  constructor(private readonly feed: EventFeed) {}

  @Get()
  @Access(STAFF, { param: 'id' })
  @ApiOperation({
    summary: 'The terminal events of a location after a seq, in order (catch-up after being offline)',
    description:
      'The same events the /terminal socket pushes, with no gap: apply them in seq order, then follow `next` ' +
      'until it is null. 410 RESYNC_REQUIRED when events after `after` are past the retention window ' +
      '(EVENT_RETENTION_HOURS) or `after` is beyond the last seq: reload the full state instead.',
  })
  @ApiOkResponse({ type: TerminalEventPageDoc })
  @ApiGoneResponse({ description: 'RESYNC_REQUIRED' })
  list(
    @Param() { id }: LocationIdParam,
    @Query() query: EventsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<TerminalEventPage> {
    return this.feed.page(user, id, query.after ?? 0, pageLimit(query));
  }
}
