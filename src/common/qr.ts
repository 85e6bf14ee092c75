import { crc32, deflateSync } from 'node:zlib';
import QRCode, { type QRCodeErrorCorrectionLevel } from 'qrcode';

/**
 * QR images of any text, the one place that renders them (tags' URLs, orders' pickup codes): each
 * caller picks the policy that suits where its code is read, this only draws.
 */
export interface QrStyle {
  /** How much of the symbol may be damaged and still read: L 7 %, M 15 %, Q 25 %, H 30 %. */
  errorCorrection: QRCodeErrorCorrectionLevel;
  /** The quiet zone around the symbol, in modules (the standard asks for 4 when nothing else pads it). */
  margin: number;
}

/** A free-standing SVG document of the QR code of `text`. */
export function qrSvg(text: string, style: QrStyle): Promise<string> {
  return QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: style.errorCorrection,
    margin: style.margin,
  });
}

/** A PNG image of the QR code of `text`, `widthPx` wide. */
export function qrPng(text: string, style: QrStyle & { widthPx: number }): Promise<Buffer> {
  return QRCode.toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: style.errorCorrection,
    margin: style.margin,
    width: style.widthPx,
  });
}

/** The SVG element alone, to inline in an HTML page (no XML prologue; sized by the page's CSS). */
export async function qrInlineSvg(text: string, style: QrStyle): Promise<string> {
  const svg = await qrSvg(text, style);
  return svg.replace(/^<\?xml[^>]*>\s*/, '').trim();
}

/**
 * A black-and-white PNG of the QR code of `text`, each module `scale` pixels square, encoded here as a
 * 1-bit image: a few hundred bytes, made in a millisecond (a message sender draws one per email,
 * where qrPng's full-colour rendering costs far more).
 */
export function qrBitmapPng(text: string, style: QrStyle & { scale: number }): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: style.errorCorrection });
  const side = (modules.size + 2 * style.margin) * style.scale;
  const rowBytes = Math.ceil(side / 8);
  const raw = Buffer.alloc((rowBytes + 1) * side, 0);
  for (let y = 0; y < side; y++) {
    const row = y * (rowBytes + 1); // each row starts with filter type 0
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / style.scale) - style.margin;
      const my = Math.floor(y / style.scale) - style.margin;
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx);
      // In a 1-bit grey PNG a 1 is white.
      if (!dark) raw[row + 1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}
