import type { Address, Closure, LocationType, OpeningHours } from '@o2o/contracts';

/**
 * The demo retailer: "Grachten Goods", three stores and a warehouse in Amsterdam selling apparel,
 * shoes and home goods. Real streets and coordinates; prices in euro cents; barcodes are valid EAN-13
 * numbers under a made-up company prefix.
 */

export interface DemoLocation {
  code: string;
  name: string;
  type: LocationType;
  address: Address;
  lat: number;
  lng: number;
  openingHours: OpeningHours;
  closures: Closure[];
  pickupPrepMinutes: number;
  pickupEnabled: boolean;
  shipEnabled: boolean;
  pickupHoldHours: number;
  /** Stock per variant here, as a share of the base quantity (the warehouse holds more). */
  stockFactor: number;
}

const STORE_HOURS: OpeningHours = {
  mon: [['12:00', '18:00']],
  tue: [['10:00', '18:00']],
  wed: [['10:00', '18:00']],
  thu: [['10:00', '21:00']],
  fri: [['10:00', '18:00']],
  sat: [['10:00', '18:00']],
  sun: [['12:00', '17:00']],
};

const WAREHOUSE_HOURS: OpeningHours = {
  mon: [['07:00', '17:00']],
  tue: [['07:00', '17:00']],
  wed: [['07:00', '17:00']],
  thu: [['07:00', '17:00']],
  fri: [['07:00', '17:00']],
};

/** Dutch public holidays the stores close on (Christmas, New Year's Day, King's Day 2027). */
const HOLIDAYS: Closure[] = [
  { date: '2026-12-25', note: 'Eerste Kerstdag' },
  { date: '2026-12-26', note: 'Tweede Kerstdag' },
  { date: '2027-01-01', note: 'Nieuwjaarsdag' },
  { date: '2027-04-27', note: 'Koningsdag' },
];

export const DEMO_TIMEZONE = 'Europe/Amsterdam';

export const DEMO_LOCATIONS: DemoLocation[] = [
  {
    code: 'AMS-KAL',
    name: 'Grachten Goods Kalverstraat',
    type: 'store',
    address: { line1: 'Kalverstraat 92', city: 'Amsterdam', postalCode: '1012 PH', country: 'NL' },
    lat: 52.3702,
    lng: 4.8907,
    openingHours: STORE_HOURS,
    closures: HOLIDAYS,
    pickupPrepMinutes: 60,
    pickupEnabled: true,
    shipEnabled: true,
    // Counted in open hours: three shopping days at the flagship, two at the others.
    pickupHoldHours: 24,
    stockFactor: 1,
  },
  {
    code: 'AMS-PIJP',
    name: 'Grachten Goods De Pijp',
    type: 'store',
    address: { line1: 'Ferdinand Bolstraat 120', city: 'Amsterdam', postalCode: '1072 LP', country: 'NL' },
    lat: 52.3537,
    lng: 4.8915,
    openingHours: STORE_HOURS,
    closures: HOLIDAYS,
    pickupPrepMinutes: 60,
    pickupEnabled: true,
    shipEnabled: false,
    pickupHoldHours: 16,
    stockFactor: 0.6,
  },
  {
    code: 'AMS-OOST',
    name: 'Grachten Goods Javastraat',
    type: 'store',
    address: { line1: 'Javastraat 55', city: 'Amsterdam', postalCode: '1094 HA', country: 'NL' },
    lat: 52.3631,
    lng: 4.9388,
    openingHours: STORE_HOURS,
    closures: HOLIDAYS,
    pickupPrepMinutes: 60,
    pickupEnabled: true,
    shipEnabled: true,
    pickupHoldHours: 16,
    stockFactor: 0.8,
  },
  {
    code: 'AMS-WH',
    name: 'Grachten Goods Warehouse Westpoort',
    type: 'warehouse',
    address: { line1: 'Hornweg 10', city: 'Amsterdam', postalCode: '1045 AR', country: 'NL' },
    lat: 52.4091,
    lng: 4.8131,
    openingHours: WAREHOUSE_HOURS,
    closures: HOLIDAYS,
    pickupPrepMinutes: 60,
    pickupEnabled: false,
    shipEnabled: true,
    pickupHoldHours: 16,
    stockFactor: 4,
  },
];

interface Colour {
  name: string;
  code: string;
}

const c = (name: string, code: string): Colour => ({ name, code });
const WHITE = c('White', 'WHT');
const BLACK = c('Black', 'BLK');
const NAVY = c('Navy', 'NVY');
const GREY = c('Grey melange', 'GRY');
const SAND = c('Sand', 'SND');
const OLIVE = c('Olive', 'OLV');
const INDIGO = c('Indigo', 'IND');
const TERRACOTTA = c('Terracotta', 'TER');
const OCHRE = c('Ochre', 'OCH');
const SAGE = c('Sage', 'SAG');
const NATURAL = c('Natural', 'NAT');
const BROWN = c('Cognac', 'COG');
const RED = c('Brick red', 'RED');

const TOPS = ['S', 'M', 'L', 'XL'];
const WAIST = ['30', '32', '34', '36'];
const WOMEN_SHOES = ['37', '38', '39', '40'];
const MEN_SHOES = ['41', '42', '43', '44', '45'];

export interface DemoProduct {
  code: string;
  title: string;
  description: string;
  category: 'apparel' | 'shoes' | 'home';
  /** Euro cents. */
  price: number;
  colours: Colour[];
  sizes: string[];
  /** Other fixed attributes (material, fit, dimensions). */
  extra?: Record<string, string>;
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  // Apparel
  {
    code: 'TEE',
    title: 'Organic cotton T-shirt',
    description: 'Heavyweight jersey tee in GOTS-certified organic cotton, regular fit.',
    category: 'apparel',
    price: 2495,
    colours: [WHITE, BLACK, NAVY],
    sizes: TOPS,
    extra: { material: 'Organic cotton' },
  },
  {
    code: 'LSTEE',
    title: 'Long-sleeve Breton top',
    description: 'Striped long-sleeve top with a boat neck, made in Portugal.',
    category: 'apparel',
    price: 3995,
    colours: [NAVY, RED],
    sizes: TOPS,
    extra: { material: 'Cotton' },
  },
  {
    code: 'LINSH',
    title: 'Linen shirt',
    description: 'Washed European linen shirt with a button-down collar.',
    category: 'apparel',
    price: 5995,
    colours: [WHITE, SAND],
    sizes: TOPS,
    extra: { material: 'Linen' },
  },
  {
    code: 'OXSH',
    title: 'Oxford shirt',
    description: 'Classic oxford-cloth shirt, slightly relaxed.',
    category: 'apparel',
    price: 4995,
    colours: [WHITE],
    sizes: TOPS,
    extra: { material: 'Cotton' },
  },
  {
    code: 'MERCN',
    title: 'Merino crew-neck jumper',
    description: 'Fine-gauge extra-fine merino jumper that does not itch.',
    category: 'apparel',
    price: 8995,
    colours: [GREY, NAVY],
    sizes: TOPS,
    extra: { material: 'Merino wool' },
  },
  {
    code: 'HOOD',
    title: 'Loopback hoodie',
    description: 'Brushed loopback cotton hoodie with a double-layer hood.',
    category: 'apparel',
    price: 6495,
    colours: [BLACK, OLIVE],
    sizes: TOPS,
    extra: { material: 'Cotton' },
  },
  {
    code: 'CHINO',
    title: 'Slim-fit chinos',
    description: 'Stretch twill chinos with a tapered leg.',
    category: 'apparel',
    price: 6995,
    colours: [SAND, NAVY],
    sizes: WAIST,
    extra: { fit: 'Slim' },
  },
  {
    code: 'JEAN',
    title: 'Straight-leg selvedge jeans',
    description: '13.5 oz Japanese selvedge denim, straight leg, button fly.',
    category: 'apparel',
    price: 11995,
    colours: [INDIGO],
    sizes: WAIST,
    extra: { fit: 'Straight' },
  },
  {
    code: 'RAINJ',
    title: 'Waterproof rain jacket',
    description: 'Taped-seam rain jacket built for cycling through Amsterdam weather.',
    category: 'apparel',
    price: 12995,
    colours: [BLACK, OLIVE],
    sizes: TOPS,
    extra: { material: 'Recycled polyester' },
  },
  {
    code: 'WCOAT',
    title: 'Wool overcoat',
    description: 'Single-breasted overcoat in a recycled wool blend.',
    category: 'apparel',
    price: 24995,
    colours: [GREY],
    sizes: TOPS,
    extra: { material: 'Wool blend' },
  },
  {
    code: 'PUFF',
    title: 'Lightweight puffer vest',
    description: 'Packable vest with recycled down-alternative fill.',
    category: 'apparel',
    price: 7995,
    colours: [BLACK],
    sizes: TOPS,
  },
  {
    code: 'DRESS',
    title: 'Wrap midi dress',
    description: 'Flowing wrap dress in Tencel with a tie waist.',
    category: 'apparel',
    price: 8995,
    colours: [TERRACOTTA, BLACK],
    sizes: TOPS,
    extra: { material: 'Tencel' },
  },
  {
    code: 'SKIRT',
    title: 'Pleated midi skirt',
    description: 'Sunray-pleated skirt with an elasticated waist.',
    category: 'apparel',
    price: 5995,
    colours: [OCHRE],
    sizes: TOPS,
  },
  {
    code: 'BEANIE',
    title: 'Ribbed wool beanie',
    description: 'Chunky ribbed beanie knitted in the Netherlands.',
    category: 'apparel',
    price: 2995,
    colours: [OCHRE, NAVY, GREY],
    sizes: [],
    extra: { material: 'Lambswool' },
  },
  {
    code: 'SCARF',
    title: 'Lambswool scarf',
    description: 'Soft brushed lambswool scarf, 180 × 30 cm.',
    category: 'apparel',
    price: 3995,
    colours: [GREY, RED],
    sizes: [],
  },
  {
    code: 'SOCK',
    title: 'Merino hiking socks (2-pack)',
    description: 'Cushioned merino socks, two pairs.',
    category: 'apparel',
    price: 1995,
    colours: [GREY],
    sizes: ['36-38', '39-42', '43-46'],
  },
  {
    code: 'CAP',
    title: 'Six-panel cotton cap',
    description: 'Washed cotton cap with an adjustable strap.',
    category: 'apparel',
    price: 2495,
    colours: [NAVY, SAND],
    sizes: [],
  },
  {
    code: 'TOTE',
    title: 'Canvas tote bag',
    description: 'Heavy canvas tote with an inside pocket.',
    category: 'apparel',
    price: 1995,
    colours: [NATURAL, BLACK],
    sizes: [],
  },
  // Shoes
  {
    code: 'SNKW',
    title: 'Leather court sneaker (women)',
    description: 'Minimal white leather sneaker on a natural rubber sole.',
    category: 'shoes',
    price: 11995,
    colours: [WHITE],
    sizes: WOMEN_SHOES,
    extra: { material: 'Leather' },
  },
  {
    code: 'SNKM',
    title: 'Leather court sneaker (men)',
    description: 'Minimal white leather sneaker on a natural rubber sole.',
    category: 'shoes',
    price: 11995,
    colours: [WHITE],
    sizes: MEN_SHOES,
    extra: { material: 'Leather' },
  },
  {
    code: 'RUNM',
    title: 'Everyday running shoe',
    description: 'Light, cushioned running shoe with a recycled mesh upper.',
    category: 'shoes',
    price: 12995,
    colours: [BLACK],
    sizes: MEN_SHOES,
  },
  {
    code: 'CHLS',
    title: 'Chelsea boot',
    description: 'Suede Chelsea boot with elastic sides and a commando sole.',
    category: 'shoes',
    price: 16995,
    colours: [BROWN],
    sizes: MEN_SHOES,
    extra: { material: 'Suede' },
  },
  {
    code: 'LOAF',
    title: 'Penny loafer',
    description: 'Hand-stitched leather loafer.',
    category: 'shoes',
    price: 14995,
    colours: [BLACK],
    sizes: WOMEN_SHOES,
    extra: { material: 'Leather' },
  },
  {
    code: 'RAINB',
    title: 'Rubber rain boot',
    description: 'Natural rubber boot with a cotton lining.',
    category: 'shoes',
    price: 7995,
    colours: [OLIVE],
    sizes: WOMEN_SHOES,
  },
  {
    code: 'SLIP',
    title: 'Felt house slippers',
    description: 'Boiled wool slippers with a suede sole.',
    category: 'shoes',
    price: 4495,
    colours: [GREY],
    sizes: ['36-38', '39-41', '42-44'],
  },
  // Home goods
  {
    code: 'MUG',
    title: 'Stoneware mug',
    description: 'Hand-glazed stoneware mug, 350 ml.',
    category: 'home',
    price: 1495,
    colours: [WHITE, SAGE, TERRACOTTA],
    sizes: [],
  },
  {
    code: 'BOWL',
    title: 'Stoneware bowl set (4)',
    description: 'Four hand-glazed bowls, 15 cm.',
    category: 'home',
    price: 3995,
    colours: [WHITE, SAGE],
    sizes: [],
  },
  {
    code: 'PLATE',
    title: 'Dinner plate set (4)',
    description: 'Four reactive-glaze dinner plates, 27 cm.',
    category: 'home',
    price: 4995,
    colours: [WHITE],
    sizes: [],
  },
  {
    code: 'CAFE',
    title: 'Glass pour-over coffee maker',
    description: 'Borosilicate glass coffee maker with a steel filter, 6 cups.',
    category: 'home',
    price: 3995,
    colours: [NATURAL],
    sizes: [],
  },
  {
    code: 'KETTLE',
    title: 'Gooseneck kettle',
    description: 'Stainless steel stovetop kettle, 1 litre.',
    category: 'home',
    price: 4995,
    colours: [BLACK],
    sizes: [],
  },
  {
    code: 'TEATOWEL',
    title: 'Linen tea towel (2-pack)',
    description: 'Stonewashed linen tea towels, 50 × 70 cm.',
    category: 'home',
    price: 1995,
    colours: [NATURAL, SAGE, OCHRE],
    sizes: [],
  },
  {
    code: 'APRON',
    title: 'Linen apron',
    description: 'Cross-back linen apron with two pockets.',
    category: 'home',
    price: 3495,
    colours: [NATURAL],
    sizes: [],
  },
  {
    code: 'THROW',
    title: 'Wool throw blanket',
    description: 'Herringbone wool throw, 130 × 180 cm.',
    category: 'home',
    price: 8995,
    colours: [GREY, OCHRE],
    sizes: [],
  },
  {
    code: 'CUSH',
    title: 'Linen cushion cover',
    description: 'Washed linen cushion cover with a hidden zip.',
    category: 'home',
    price: 2995,
    colours: [NATURAL, TERRACOTTA, SAGE],
    sizes: ['45 × 45 cm', '50 × 50 cm'],
  },
  {
    code: 'DUVET',
    title: 'Percale duvet cover set',
    description: 'Crisp cotton percale duvet cover with two pillowcases.',
    category: 'home',
    price: 9995,
    colours: [WHITE],
    sizes: ['140 × 220 cm', '200 × 220 cm', '240 × 220 cm'],
  },
  {
    code: 'TOWEL',
    title: 'Waffle bath towel',
    description: 'Quick-drying cotton waffle towel, 70 × 140 cm.',
    category: 'home',
    price: 2995,
    colours: [WHITE, SAGE],
    sizes: [],
  },
  {
    code: 'CANDLE',
    title: 'Soy wax candle',
    description: 'Hand-poured soy candle scented with fig and cedar, 40 hours.',
    category: 'home',
    price: 2495,
    colours: [NATURAL],
    sizes: [],
  },
  {
    code: 'VASE',
    title: 'Ribbed glass vase',
    description: 'Mouth-blown ribbed glass vase, 25 cm.',
    category: 'home',
    price: 3495,
    colours: [NATURAL],
    sizes: [],
  },
  {
    code: 'LAMP',
    title: 'Ceramic table lamp',
    description: 'Table lamp with a ceramic base and linen shade.',
    category: 'home',
    price: 12995,
    colours: [WHITE, TERRACOTTA],
    sizes: [],
  },
  {
    code: 'BASKET',
    title: 'Seagrass storage basket',
    description: 'Hand-woven seagrass basket.',
    category: 'home',
    price: 2995,
    colours: [NATURAL],
    sizes: ['Small', 'Large'],
  },
  {
    code: 'BOARD',
    title: 'Oak cutting board',
    description: 'Solid oak end-grain cutting board, 40 × 25 cm.',
    category: 'home',
    price: 5995,
    colours: [NATURAL],
    sizes: [],
  },
  {
    code: 'PLANT',
    title: 'Terracotta plant pot',
    description: 'Frost-proof terracotta pot with saucer.',
    category: 'home',
    price: 1995,
    colours: [TERRACOTTA],
    sizes: ['12 cm', '17 cm', '24 cm'],
  },
  {
    code: 'BOTTLE',
    title: 'Insulated steel bottle',
    description: 'Double-walled bottle that keeps drinks cold for 24 hours, 500 ml.',
    category: 'home',
    price: 2995,
    colours: [BLACK, SAGE, WHITE],
    sizes: [],
  },
];

export interface DemoVariant {
  sku: string;
  barcode: string;
  attributes: Record<string, string>;
}

/** The variants of a product: one per colour and size, SKU like TEE-WHT-M. */
export function variantsOf(product: DemoProduct, index: number): DemoVariant[] {
  const sizes = product.sizes.length ? product.sizes : [null];
  const variants: DemoVariant[] = [];
  let n = 0;
  for (const colour of product.colours) {
    for (const size of sizes) {
      const sizeCode = size ? `-${size.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}` : '';
      variants.push({
        sku: `${product.code}-${colour.code}${sizeCode}`,
        barcode: ean13(`8719${String(index).padStart(3, '0')}${String(n++).padStart(5, '0')}`),
        attributes: { ...product.extra, colour: colour.name, ...(size ? { size } : {}) },
      });
    }
  }
  return variants;
}

/** Appends the EAN-13 check digit to 12 digits. */
export function ean13(twelveDigits: string): string {
  if (!/^\d{12}$/.test(twelveDigits)) throw new Error(`EAN-13 needs 12 digits, got ${twelveDigits}`);
  const sum = [...twelveDigits].reduce((acc, digit, i) => acc + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return twelveDigits + String((10 - (sum % 10)) % 10);
}

/** A believable, repeatable stock figure for a variant at a location (no randomness between runs). */
export function demoQuantity(sku: string, location: DemoLocation): number {
  let hash = 0;
  for (const ch of `${sku}@${location.code}`) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const base = hash % 13; // 0..12: some variants are sold out at some stores
  return Math.round(base * location.stockFactor);
}

export interface DemoUser {
  email: string;
  password: string;
  name: string;
  role: 'manager' | 'clerk' | 'customer';
  /** Location codes; '*' for all demo locations. */
  locations: string[] | '*';
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: 'manager@demo.local',
    password: 'demo-manager',
    name: 'Sanne de Vries',
    role: 'manager',
    locations: '*',
  },
  {
    email: 'clerk.kalverstraat@demo.local',
    password: 'demo-clerk',
    name: 'Daan Bakker',
    role: 'clerk',
    locations: ['AMS-KAL'],
  },
  {
    email: 'clerk.depijp@demo.local',
    password: 'demo-clerk',
    name: 'Fleur Jansen',
    role: 'clerk',
    locations: ['AMS-PIJP'],
  },
  {
    email: 'clerk.javastraat@demo.local',
    password: 'demo-clerk',
    name: 'Noah Visser',
    role: 'clerk',
    locations: ['AMS-OOST'],
  },
  {
    email: 'customer@demo.local',
    password: 'demo-customer',
    name: 'Emma Smit',
    role: 'customer',
    locations: [],
  },
];
