import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access';
import { AppError } from '../common/app-error';
import { IMAGE_WIDTHS, MediaStore } from './media-store';

const ONE_YEAR_S = 365 * 24 * 3600;

@ApiTags('catalog')
@Controller('media')
export class MediaController {
  constructor(private readonly store: MediaStore) {}

  @Get(':key')
  @Public()
  @ApiOperation({
    summary: 'A product picture as WebP, at 320, 800 or 1600 pixels wide (w); cached for a year',
  })
  @ApiQuery({ name: 'w', required: false, enum: [...IMAGE_WIDTHS] })
  async picture(
    @Param('key') key: string,
    @Query('w') w: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const wanted = /^\d{1,5}$/.test(w ?? '') ? Number(w) : 800;
    const picture = await this.store.rendition(key, wanted);
    if (!picture) throw AppError.notFound('Picture', { key });
    // The key names one upload forever: the copy at a width never changes.
    const etag = `"${key}-${picture.width}"`;
    reply
      .header('Cache-Control', `public, max-age=${ONE_YEAR_S}, immutable`)
      .header('ETag', etag)
      .header('Vary', 'Accept-Encoding');
    if (ifNoneMatch === etag) {
      await reply.status(304).send();
      return;
    }
    await reply.type('image/webp').send(picture.bytes);
  }
}
