import type { Address, CustomerMessageKind, OpeningHours, SupportedLocale } from '@o2o/contracts';
import type { MessageFacts } from './message-facts';
import { formatDateTime, formatHours, formatMoney } from './message-format';

/** The store a message speaks for, as the templates need it. */
export interface MessageStore {
  name: string;
  address: Address;
  timezone: string;
  openingHours: OpeningHours;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  /** A short text for SMS. */
  sms: string;
  /** The pickup QR to attach inline (cid:pickup-qr), when the message hands the order over. */
  qrText?: string;
}

export const QR_CID = 'pickup-qr';

interface Say {
  when: (iso: string) => string;
  money: (amount: number) => string;
  facts: MessageFacts;
  store: MessageStore;
}

/** One kind of message in one language: the subject and the paragraphs that say it. */
interface Template {
  subject: (s: Say) => string;
  paragraphs: (s: Say) => string[];
  /** Whether it carries the pickup code and its QR (the messages that send the customer to the store). */
  handsOver?: boolean;
}

type Words = {
  hello: (name: string) => string;
  code: string;
  qrAlt: string;
  total: string;
  shipping: string;
  free: string;
  view: string;
  hours: string;
  closed: string;
  kinds: Record<CustomerMessageKind, Template>;
};

const missingText = (s: Say) => (s.facts.missing ?? []).map((m) => `${m.missing} × ${m.sku}`).join(', ');
const readyByEn = (s: Say) =>
  s.facts.readyBy ? `It will be ready at ${s.store.name} by ${s.when(s.facts.readyBy)}.` : '';
const readyByNl = (s: Say) =>
  s.facts.readyBy ? `Je bestelling ligt uiterlijk ${s.when(s.facts.readyBy)} klaar bij ${s.store.name}.` : '';
const untilEn = (s: Say) => (s.facts.expiresAt ? ` until ${s.when(s.facts.expiresAt)}` : '');
const untilNl = (s: Say) => (s.facts.expiresAt ? ` tot ${s.when(s.facts.expiresAt)}` : '');

const EN: Words = {
  hello: (name) => `Hello ${name},`,
  code: 'Your pickup code',
  qrAlt: 'QR code to scan at the counter',
  total: 'Total',
  shipping: 'Shipping',
  free: 'free',
  view: 'View your order',
  hours: 'Opening hours',
  closed: 'closed',
  kinds: {
    order_placed: {
      subject: (s) => `We have your order ${s.facts.orderNumber}`,
      paragraphs: (s) => [
        `Thank you for your order ${s.facts.orderNumber}.`,
        s.facts.fulfillment === 'pickup'
          ? `${readyByEn(s)} We will write again when it is ready to collect.`
          : 'We will write again when it is on its way.',
      ],
    },
    ready_for_pickup: {
      subject: (s) => `Your order ${s.facts.orderNumber} is ready for pickup`,
      paragraphs: (s) => [
        `Your order ${s.facts.orderNumber} is ready at ${s.store.name}. We keep it for you${untilEn(s)}.`,
        'Show your pickup code or its QR code at the counter.',
      ],
      handsOver: true,
    },
    pickup_reminder: {
      subject: (s) => `Reminder: your order ${s.facts.orderNumber} is waiting for you`,
      paragraphs: (s) => [
        `Your order ${s.facts.orderNumber} is still waiting at ${s.store.name}${untilEn(s)}. After that we put it back on the shelf.`,
      ],
      handsOver: true,
    },
    order_expired: {
      subject: (s) => `Your order ${s.facts.orderNumber} was not collected`,
      paragraphs: (s) => [
        `Your order ${s.facts.orderNumber} was not collected in time and has been released. Any payment is refunded.`,
      ],
    },
    order_cancelled: {
      subject: (s) => `Your order ${s.facts.orderNumber} has been cancelled`,
      paragraphs: (s) => [`Your order ${s.facts.orderNumber} has been cancelled. Any payment is refunded.`],
    },
    line_cancelled: {
      subject: (s) => `Part of your order ${s.facts.orderNumber} is not available`,
      paragraphs: (s) => [
        `We could not find ${missingText(s)} for your order ${s.facts.orderNumber}. The rest of your order stands and you pay only for what you get.`,
      ],
    },
    order_shipped: {
      subject: (s) => `Your order ${s.facts.orderNumber} is on its way`,
      paragraphs: (s) => [
        `Your order ${s.facts.orderNumber} has been shipped${s.facts.shipment?.carrier ? ` with ${s.facts.shipment.carrier}` : ''}.`,
        s.facts.shipment?.trackingNumber ? `Tracking number: ${s.facts.shipment.trackingNumber}.` : '',
      ],
    },
    refund_issued: {
      subject: (s) => `A refund for your order ${s.facts.orderNumber}`,
      paragraphs: (s) => [
        s.facts.refund
          ? `We have refunded ${s.money(s.facts.refund.amount)} for your order ${s.facts.orderNumber}${s.facts.refund.method === 'cash' ? ', paid out in cash' : ', to the way you paid'}.`
          : `We have refunded money for your order ${s.facts.orderNumber}.`,
      ],
    },
    receipt: {
      subject: (s) => `Your receipt for order ${s.facts.orderNumber}`,
      paragraphs: (s) => [
        `Thank you for shopping at ${s.store.name}. This is your receipt for order ${s.facts.orderNumber}.`,
      ],
    },
  },
};

const NL: Words = {
  hello: (name) => `Beste ${name},`,
  code: 'Je ophaalcode',
  qrAlt: 'QR-code om aan de balie te laten scannen',
  total: 'Totaal',
  shipping: 'Verzendkosten',
  free: 'gratis',
  view: 'Bekijk je bestelling',
  hours: 'Openingstijden',
  closed: 'gesloten',
  kinds: {
    order_placed: {
      subject: (s) => `We hebben je bestelling ${s.facts.orderNumber} ontvangen`,
      paragraphs: (s) => [
        `Bedankt voor je bestelling ${s.facts.orderNumber}.`,
        s.facts.fulfillment === 'pickup'
          ? `${readyByNl(s)} We laten het je weten zodra je hem kunt ophalen.`
          : 'We laten het je weten zodra hij onderweg is.',
      ],
    },
    ready_for_pickup: {
      subject: (s) => `Je bestelling ${s.facts.orderNumber} ligt klaar`,
      paragraphs: (s) => [
        `Je bestelling ${s.facts.orderNumber} ligt klaar bij ${s.store.name}. We bewaren hem voor je${untilNl(s)}.`,
        'Laat je ophaalcode of de QR-code zien aan de balie.',
      ],
      handsOver: true,
    },
    pickup_reminder: {
      subject: (s) => `Herinnering: je bestelling ${s.facts.orderNumber} ligt nog klaar`,
      paragraphs: (s) => [
        `Je bestelling ${s.facts.orderNumber} ligt nog klaar bij ${s.store.name}${untilNl(s)}. Daarna leggen we hem terug in de winkel.`,
      ],
      handsOver: true,
    },
    order_expired: {
      subject: (s) => `Je bestelling ${s.facts.orderNumber} is niet opgehaald`,
      paragraphs: (s) => [
        `Je bestelling ${s.facts.orderNumber} is niet op tijd opgehaald en vervallen. Wat je betaald hebt, krijg je terug.`,
      ],
    },
    order_cancelled: {
      subject: (s) => `Je bestelling ${s.facts.orderNumber} is geannuleerd`,
      paragraphs: (s) => [
        `Je bestelling ${s.facts.orderNumber} is geannuleerd. Wat je betaald hebt, krijg je terug.`,
      ],
    },
    line_cancelled: {
      subject: (s) => `Een deel van je bestelling ${s.facts.orderNumber} is niet leverbaar`,
      paragraphs: (s) => [
        `We konden ${missingText(s)} voor je bestelling ${s.facts.orderNumber} niet vinden. De rest van je bestelling blijft staan en je betaalt alleen wat je krijgt.`,
      ],
    },
    order_shipped: {
      subject: (s) => `Je bestelling ${s.facts.orderNumber} is onderweg`,
      paragraphs: (s) => [
        `Je bestelling ${s.facts.orderNumber} is verzonden${s.facts.shipment?.carrier ? ` met ${s.facts.shipment.carrier}` : ''}.`,
        s.facts.shipment?.trackingNumber ? `Trackingnummer: ${s.facts.shipment.trackingNumber}.` : '',
      ],
    },
    refund_issued: {
      subject: (s) => `Terugbetaling voor je bestelling ${s.facts.orderNumber}`,
      paragraphs: (s) => [
        s.facts.refund
          ? `We hebben ${s.money(s.facts.refund.amount)} terugbetaald voor je bestelling ${s.facts.orderNumber}${s.facts.refund.method === 'cash' ? ', contant uitbetaald' : ', op de manier waarop je betaalde'}.`
          : `We hebben geld teruggestort voor je bestelling ${s.facts.orderNumber}.`,
      ],
    },
    receipt: {
      subject: (s) => `Je bon voor bestelling ${s.facts.orderNumber}`,
      paragraphs: (s) => [
        `Bedankt voor je aankoop bij ${s.store.name}. Dit is je bon voor bestelling ${s.facts.orderNumber}.`,
      ],
    },
  },
};

const WORDS: Record<SupportedLocale, Words> = { en: EN, nl: NL };

/** The message of `kind` for these facts: subject, text and HTML parts, and an SMS line. */
export function renderMessage(
  kind: CustomerMessageKind,
  facts: MessageFacts,
  locale: SupportedLocale,
  store: MessageStore,
  retailerName: string,
): RenderedMessage {
  const words = WORDS[locale];
  const say: Say = {
    when: (iso) => formatDateTime(iso, locale, store.timezone),
    money: (amount) => formatMoney(amount, facts.total.currency, locale),
    facts,
    store,
  };
  const template = words.kinds[kind];
  const subject = `${template.subject(say)} – ${retailerName}`;
  const paragraphs = template.paragraphs(say).filter(Boolean);
  const pickup = template.handsOver ? facts.pickup : undefined;
  const lines = facts.lines.map(
    (line) => `${line.qty} × ${line.title}  ${say.money(line.qty * line.unitAmount)}`,
  );
  // The fee is in the total: named beside the lines, so that they add up to it.
  if (facts.shippingFee !== undefined) {
    lines.push(`${words.shipping}  ${facts.shippingFee ? say.money(facts.shippingFee) : words.free}`);
  }
  // The store's address and hours, for those who come to it: a parcel's customer never does.
  const visited = facts.fulfillment !== 'ship';
  const address = visited ? [store.address.line1, `${store.address.postalCode} ${store.address.city}`] : [];
  const hours = visited ? formatHours(store.openingHours, locale, words.closed) : [];
  const text = [
    words.hello(facts.customerName),
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...(pickup ? [`${words.code}: ${pickup.code}`, ''] : []),
    ...lines,
    `${words.total}: ${say.money(facts.total.amount)}`,
    '',
    `${words.view}: ${facts.orderUrl}`,
    ...(visited ? ['', store.name, ...address] : []),
    ...(hours.length ? ['', `${words.hours}:`, ...hours] : []),
    '',
    retailerName,
  ].join('\n');
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>
<body style="font-family: Arial, sans-serif; color: #222; max-width: 560px; margin: 0 auto; padding: 16px">
<h1 style="font-size: 20px">${esc(retailerName)}</h1>
<p>${esc(words.hello(facts.customerName))}</p>
${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
${
  pickup
    ? `<p>${esc(words.code)}: <strong data-pickup-code style="font-size: 24px; letter-spacing: 2px">${esc(pickup.code)}</strong></p>
<p><img src="cid:${QR_CID}" alt="${esc(words.qrAlt)}" width="200" height="200"></p>`
    : ''
}
<table style="border-collapse: collapse">${lines.map((l) => `<tr><td>${esc(l)}</td></tr>`).join('')}
<tr><td><strong>${esc(words.total)}: ${esc(say.money(facts.total.amount))}</strong></td></tr></table>
<p><a href="${esc(facts.orderUrl)}">${esc(words.view)}</a></p>
${visited ? `<p><strong>${esc(store.name)}</strong><br>${address.map(esc).join('<br>')}</p>` : ''}
${hours.length ? `<p>${esc(words.hours)}:<br>${hours.map(esc).join('<br>')}</p>` : ''}
</body></html>`;
  const sms = [paragraphs[0], pickup ? `${words.code}: ${pickup.code}` : '', facts.orderUrl]
    .filter(Boolean)
    .join(' ');
  return { subject, text, html, sms, qrText: pickup?.qrText };
}

export function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
