import { createWriteStream } from 'node:fs';
import { mkdtemp, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/app-error';

/** 64 MB: a 100,000-row catalog takes about 15 MB. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Rows a file may hold, besides its header. */
export const MAX_IMPORT_ROWS = 200_000;

export interface SavedUpload {
  path: string;
  /** Lines after the header: the row count until quoted line breaks say otherwise. */
  lines: number;
}

const NOT_CSV = new AppError(
  'UNSUPPORTED_MEDIA_TYPE',
  'Send the file as multipart/form-data with one CSV file (text, comma-separated, a header row first)',
);

/**
 * Streams the one file of a multipart upload to a private temporary file, counting its lines on the
 * way, so that a large file is never held in memory and the job can read it after the answer.
 */
export async function saveCsvUpload(request: FastifyRequest): Promise<SavedUpload> {
  if (!request.isMultipart()) throw NOT_CSV;
  const file = await request
    .file({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 1000 } })
    .catch((error: unknown) => {
      throw tooLarge(error) ?? malformed(error);
    });
  if (!file) throw NOT_CSV;
  const path = join(await mkdtemp(join(tmpdir(), 'o2o-import-')), 'upload.csv');
  let newlines = 0;
  let lastByte = 0x0a;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (const byte of chunk) if (byte === 0x0a) newlines++;
      if (chunk.length) lastByte = chunk[chunk.length - 1];
      done(null, chunk);
    },
  });
  await pipeline(file.file, counter, createWriteStream(path, { mode: 0o600 })).catch((error: unknown) => {
    throw tooLarge(error) ?? malformed(error);
  });
  if (file.file.truncated) throw tooLarge({ code: 'FST_REQ_FILE_TOO_LARGE' })!;
  await assertText(path);
  const lines = Math.max(0, newlines + (lastByte === 0x0a ? 0 : 1) - 1);
  if (lines > MAX_IMPORT_ROWS) {
    throw new AppError('PAYLOAD_TOO_LARGE', `A file may hold at most ${MAX_IMPORT_ROWS} rows`, {
      maxRows: MAX_IMPORT_ROWS,
    });
  }
  return { path, lines };
}

/** A spreadsheet saved as CSV is text; a NUL byte in its first 8 KB means a picture, a zip or a .xlsx. */
async function assertText(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    if (bytesRead === 0) throw AppError.invalid('file', 'is empty: it needs a header row and rows');
    if (buffer.subarray(0, bytesRead).includes(0)) throw NOT_CSV;
  } finally {
    await handle.close();
  }
}

function tooLarge(error: unknown): AppError | null {
  const code = (error as { code?: string }).code;
  return code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT'
    ? new AppError('PAYLOAD_TOO_LARGE', 'An import file may be at most 64 MB', { maxBytes: MAX_IMPORT_BYTES })
    : null;
}

function malformed(error: unknown): AppError {
  const message = error instanceof Error ? error.message : 'unreadable upload';
  return AppError.invalid('file', `could not be read as a multipart upload (${message})`);
}
