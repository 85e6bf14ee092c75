import { Module } from '@nestjs/common';
import { WebService } from './web.service';

/** The pages people use (store terminal, online shop, scan page), served from dist/apps. */
@Module({ providers: [WebService] })
export class WebModule {}
