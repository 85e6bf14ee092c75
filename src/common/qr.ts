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
