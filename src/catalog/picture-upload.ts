import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/app-error';
import { MAX_IMAGE_BYTES } from '../media/media-store';

export interface UploadedPicture {
  bytes: Buffer;
  alt: string | undefined;
}

const NOT_A_PICTURE = new AppError(
  'UNSUPPORTED_MEDIA_TYPE',
  'Send the picture as multipart/form-data with one file (JPEG, PNG or WebP)',
);

/** The one file of a multipart upload, refused at 10 MB without reading the rest into memory. */
export async function readUploadedPicture(request: FastifyRequest): Promise<UploadedPicture> {
  if (!request.isMultipart()) throw NOT_A_PICTURE;
  const file = await request
    .file({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5, fieldSize: 1000 } })
    .catch((error: unknown) => {
      throw tooLarge(error) ?? malformed(error);
    });
  if (!file) throw NOT_A_PICTURE;
  const bytes = await file.toBuffer().catch((error: unknown) => {
    throw tooLarge(error) ?? malformed(error);
  });
  const altField = file.fields.alt;
  const alt =
    altField && !Array.isArray(altField) && altField.type === 'field' ? String(altField.value) : undefined;
  return { bytes, alt };
}

function tooLarge(error: unknown): AppError | null {
  const code = (error as { code?: string }).code;
  return code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT'
    ? new AppError('PAYLOAD_TOO_LARGE', 'A picture may be at most 10 MB', { maxBytes: MAX_IMAGE_BYTES })
    : null;
}

function malformed(error: unknown): AppError {
  const message = error instanceof Error ? error.message : 'unreadable upload';
  return AppError.invalid('file', `could not be read as a multipart upload (${message})`);
}
