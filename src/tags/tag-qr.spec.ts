import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { qrInlineSvg, qrPng, qrSvg } from './tag-qr';

const URL = 'https://shop.example/s/3q2-7wEjRkSqF9mZL1b0Xg';

describe('tag QR images', () => {
  it('a PNG reads back as exactly the URL', async () => {
    const image = PNG.sync.read(await qrPng(URL));
    expect(image.width).toBe(512);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(URL);
  });

  it('uses error correction level Q, for labels that get scuffed', async () => {
    const render = (level: 'M' | 'Q') =>
      QRCode.toString(URL, { type: 'svg', errorCorrectionLevel: level, margin: 4 });
    const svg = await qrSvg(URL);
    expect(svg).toBe(await render('Q'));
    expect(svg).not.toBe(await render('M'));
  });

  it('an SVG is a standalone image; the label variant is an element to inline', async () => {
    expect(await qrSvg(URL)).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const inline = await qrInlineSvg(URL);
    expect(inline).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"[\s\S]*<\/svg>$/);
  });
});
