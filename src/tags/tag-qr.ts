import QRCode from 'qrcode';

/**
 * Level Q restores up to a quarter of the symbol: printed shelf labels get scuffed, bent and partly
 * covered by price stickers, which level M (the library default) does not survive as well.
 */
const ERROR_CORRECTION = 'Q' as const;
/** The quiet zone the QR standard asks for around a free-standing symbol, in modules. */
const STANDALONE_MARGIN = 4;
/** On a label the white padding of the label adds to the quiet zone. */
const LABEL_MARGIN = 2;
const PNG_WIDTH_PX = 512;

/** A free-standing SVG image of the QR code for `url`. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: STANDALONE_MARGIN,
  });
}

/** A PNG image of the QR code for `url`, large enough to print crisp at label sizes. */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, {
    type: 'png',
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: STANDALONE_MARGIN,
    width: PNG_WIDTH_PX,
  });
}

/** The SVG element to inline in a label sheet (no XML prologue; sized by the sheet's CSS). */
export async function qrInlineSvg(url: string): Promise<string> {
  const svg = await QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: LABEL_MARGIN,
  });
  return svg.replace(/^<\?xml[^>]*>\s*/, '').trim();
}
