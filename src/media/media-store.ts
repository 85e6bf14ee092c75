import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import sharp from 'sharp';
import { AppError } from '../common/app-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';

/** The widths a picture is served at; anything else is answered with the nearest one above. */
import { IMAGE_WIDTHS } from '@o2o/contracts';
export { IMAGE_WIDTHS };
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);
const KEY = /^[0-9a-f-]{36}$/;

export interface StoredPicture {
  width: number;
  height: number;
}

/**
 * Pictures on disk under MEDIA_DIR: the original as uploaded, and WebP copies per served width made
 * on first request. A key never changes content (a new upload gets a new key), so copies are cached forever.
 */
@Injectable()
export class MediaStore {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Checks the bytes themselves (not the file name): JPEG, PNG or WebP, else 415. */
  async inspect(bytes: Buffer): Promise<StoredPicture> {
    const metadata = await sharp(bytes)
      .metadata()
      .catch(() => null);
    if (!metadata?.format || !ACCEPTED_FORMATS.has(metadata.format) || !metadata.width || !metadata.height) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Only JPEG, PNG or WebP pictures can be uploaded', {
        accepted: ['image/jpeg', 'image/png', 'image/webp'],
      });
    }
    return { width: metadata.width, height: metadata.height };
  }

  async saveOriginal(key: string, bytes: Buffer): Promise<void> {
    await writeAtomically(this.originalPath(key), bytes);
  }

  /** The WebP copy at the served width nearest above `width`; null when no picture has this key. */
  async rendition(key: string, width: number): Promise<{ bytes: Buffer; width: number } | null> {
    if (!KEY.test(key)) return null;
    const served = servedWidth(width);
    const path = join(this.config.mediaDir, 'webp', `${key}-${served}.webp`);
    const cached = await readFile(path).catch(() => null);
    if (cached) return { bytes: cached, width: served };
    const original = await readFile(this.originalPath(key)).catch(() => null);
    if (!original) return null;
    const bytes = await sharp(original)
      .rotate()
      .resize({ width: served, withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    await writeAtomically(path, bytes);
    return { bytes, width: served };
  }

  private originalPath(key: string): string {
    return join(this.config.mediaDir, 'originals', key);
  }
}

export function servedWidth(width: number): number {
  return IMAGE_WIDTHS.find((w) => w >= width) ?? IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1];
}

/** Written beside and renamed: a reader never sees half a file, two writers never mix theirs. */
async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}
