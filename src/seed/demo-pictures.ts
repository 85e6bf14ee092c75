import type { DemoProduct } from './demo-data';

/**
 * A picture per demo product, drawn here (no downloaded photos): the product's kind as a flat
 * silhouette in its first colour on a soft background, 1200×1200 pixels once rendered.
 */

const COLOUR_HEX: Record<string, string> = {
  WHT: '#f4f1ea',
  BLK: '#2b2b2b',
  NVY: '#27385a',
  GRY: '#9a9a9a',
  SND: '#d8c3a0',
  OLV: '#6b7043',
  IND: '#3b4a7a',
  TER: '#c0643f',
  OCH: '#c99a2e',
  SAG: '#9fae8f',
  NAT: '#e6dcc8',
  COG: '#8a5330',
  RED: '#a8432f',
};

type Shape =
  'top' | 'trousers' | 'coat' | 'dress' | 'hat' | 'bag' | 'shoe' | 'mug' | 'bowl' | 'textile' | 'vase';

const SHAPE_BY_CODE: Record<string, Shape> = {
  CHINO: 'trousers',
  JEAN: 'trousers',
  RAINJ: 'coat',
  WCOAT: 'coat',
  PUFF: 'coat',
  DRESS: 'dress',
  SKIRT: 'dress',
  BEANIE: 'hat',
  CAP: 'hat',
  TOTE: 'bag',
  BASKET: 'bag',
  MUG: 'mug',
  CAFE: 'mug',
  KETTLE: 'mug',
  BOWL: 'bowl',
  PLATE: 'bowl',
  BOARD: 'bowl',
  TEATOWEL: 'textile',
  APRON: 'textile',
  THROW: 'textile',
  CUSH: 'textile',
  DUVET: 'textile',
  TOWEL: 'textile',
  SCARF: 'textile',
  SOCK: 'textile',
  VASE: 'vase',
  CANDLE: 'vase',
  LAMP: 'vase',
  PLANT: 'vase',
  BOTTLE: 'vase',
};

const PATHS: Record<Shape, string> = {
  top: 'M420 260 L520 220 Q600 290 680 220 L780 260 L920 420 L830 500 L780 450 L780 960 L420 960 L420 450 L370 500 L280 420 Z',
  trousers: 'M420 220 L780 220 L820 980 L660 980 L600 460 L540 980 L380 980 Z',
  coat: 'M430 220 L530 190 L600 320 L670 190 L770 220 L930 440 L850 520 L800 470 L800 1000 L400 1000 L400 470 L350 520 L270 440 Z',
  dress: 'M500 200 L700 200 L720 420 L900 1000 L300 1000 L480 420 Z',
  hat: 'M330 760 Q330 380 600 370 Q870 380 870 760 Z M300 760 L900 760 L900 840 L300 840 Z',
  bag: 'M330 480 L870 480 L830 1000 L370 1000 Z M480 480 Q480 280 600 280 Q720 280 720 480 L680 480 Q680 330 600 330 Q520 330 520 480 Z',
  shoe: 'M250 760 L300 560 Q420 520 500 600 Q620 700 860 720 Q960 740 960 840 L960 880 L250 880 Z',
  mug: 'M360 380 L760 380 L740 900 L380 900 Z M760 480 Q900 480 900 620 Q900 760 750 760 L752 700 Q840 700 840 620 Q840 540 758 540 Z',
  bowl: 'M240 560 L960 560 Q940 860 600 900 Q260 860 240 560 Z',
  textile:
    'M320 300 L880 300 L880 920 L320 920 Z M320 380 L880 380 L880 400 L320 400 Z M320 820 L880 820 L880 840 L320 840 Z',
  vase: 'M520 220 L680 220 L670 330 Q860 460 820 760 Q790 960 600 980 Q410 960 380 760 Q340 460 530 330 Z',
};

export function demoPictureSvg(product: DemoProduct): string {
  const shape = SHAPE_BY_CODE[product.code] ?? (product.category === 'shoes' ? 'shoe' : 'top');
  const fill = COLOUR_HEX[product.colours[0]?.code] ?? '#8899aa';
  const background =
    product.category === 'home' ? '#efe9df' : product.category === 'shoes' ? '#e7ecef' : '#eef0ea';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1200" viewBox="0 0 1200 1200">
  <rect width="1200" height="1200" fill="${background}"/>
  <ellipse cx="600" cy="1040" rx="380" ry="40" fill="#000" opacity="0.08"/>
  <path d="${PATHS[shape]}" fill="${fill}" fill-rule="evenodd" stroke="#00000033" stroke-width="6"/>
</svg>`;
}
