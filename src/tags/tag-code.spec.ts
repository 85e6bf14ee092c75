import { isTagCodeShaped, newTagCode, tagUrl } from './tag-code';

describe('tag codes', () => {
  it('are 22 URL-safe characters carrying 128 random bits', () => {
    const code = newTagCode();
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(code, 'base64url')).toHaveLength(16);
    expect(encodeURIComponent(code)).toBe(code);
  });

  it('do not repeat across many draws', () => {
    const codes = new Set(Array.from({ length: 10_000 }, newTagCode));
    expect(codes.size).toBe(10_000);
  });

  it('recognise only the shape they are made in', () => {
    expect(isTagCodeShaped(newTagCode())).toBe(true);
    for (const bad of [
      '',
      'short',
      'a'.repeat(23),
      `${'a'.repeat(21)}=`,
      `${'a'.repeat(21)}/`,
      '../../etc',
    ]) {
      expect(isTagCodeShaped(bad)).toBe(false);
    }
  });

  it('point at the scan page under the public base URL', () => {
    expect(tagUrl('https://shop.example', 'abc')).toBe('https://shop.example/s/abc');
    expect(tagUrl('https://shop.example/', 'abc')).toBe('https://shop.example/s/abc');
  });
});
