import * as qr from '../common/qr';

/**
 * Level Q restores up to a quarter of the symbol: printed shelf labels get scuffed, bent and partly
 * covered by price stickers, which level M (the library default) does not survive as well.
 */
const ERROR_CORRECTION = 'Q' as const;
/** The quiet zone the QR standard asks for around a free-standing symbol, in modules. */
const STANDALONE = { errorCorrection: ERROR_CORRECTION, margin: 4 };
/** On a label the white padding of the label adds to the quiet zone. */
const ON_LABEL = { errorCorrection: ERROR_CORRECTION, margin: 2 };
/** Large enough to print crisp at label sizes. */
const PNG_WIDTH_PX = 512;

/** A free-standing SVG image of a tag's QR code (its scan URL). */
export function qrSvg(url: string): Promise<string> {
  return qr.qrSvg(url, STANDALONE);
}

/** A PNG image of a tag's QR code. */
export function qrPng(url: string): Promise<Buffer> {
  return qr.qrPng(url, { ...STANDALONE, widthPx: PNG_WIDTH_PX });
}

/** The SVG element of a tag's QR code to inline in a label sheet. */
export function qrInlineSvg(url: string): Promise<string> {
  return qr.qrInlineSvg(url, ON_LABEL);
}
