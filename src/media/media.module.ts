import { Module } from '@nestjs/common';
import { MediaController } from './media.controller';
import { MediaStore } from './media-store';

/** Picture files: stored originals and the resized WebP copies the pages show. */
@Module({ controllers: [MediaController], providers: [MediaStore], exports: [MediaStore] })
export class MediaModule {}
