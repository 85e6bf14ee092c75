import type { AccountMessageKind, SupportedLocale } from '@o2o/contracts';
import type { AccountMessageFacts } from './message-facts';
import { esc, type RenderedMessage } from './message-templates';

interface AccountWords {
  hello: (name: string) => string;
  subject: string;
  paragraphs: (hours: number) => string[];
  button: string;
}

const WORDS: Record<SupportedLocale, Record<AccountMessageKind, AccountWords>> = {
  en: {
    email_verification: {
      hello: (name) => `Hello ${name},`,
      subject: 'Confirm your email address',
      paragraphs: (hours) => [
        'Thank you for creating an account. Confirm that this email address is yours with the link below.',
        `Once it is confirmed, orders you placed earlier as a guest with this address show in your account too. The link works for ${hours} hours.`,
        'Did you not create an account? Then you can ignore this email.',
      ],
      button: 'Confirm my email address',
    },
  },
  nl: {
    email_verification: {
      hello: (name) => `Beste ${name},`,
      subject: 'Bevestig je e-mailadres',
      paragraphs: (hours) => [
        'Bedankt voor het aanmaken van een account. Bevestig met de link hieronder dat dit e-mailadres van jou is.',
        `Daarna zie je ook de bestellingen die je eerder als gast met dit adres plaatste in je account. De link werkt ${hours} uur.`,
        'Heb je geen account aangemaakt? Dan kun je deze e-mail negeren.',
      ],
      button: 'Bevestig mijn e-mailadres',
    },
  },
};

/** An email about the customer's account: subject, text and HTML parts (no SMS: it is sent by email only). */
export function renderAccountMessage(
  kind: AccountMessageKind,
  facts: AccountMessageFacts,
  locale: SupportedLocale,
  retailerName: string,
): RenderedMessage {
  const words = WORDS[locale][kind];
  const subject = `${words.subject} – ${retailerName}`;
  const paragraphs = words.paragraphs(facts.validHours);
  const text = [
    words.hello(facts.customerName),
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    `${words.button}: ${facts.verifyUrl}`,
    '',
    retailerName,
  ].join('\n');
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>
<body style="font-family: Arial, sans-serif; color: #222; max-width: 560px; margin: 0 auto; padding: 16px">
<h1 style="font-size: 20px">${esc(retailerName)}</h1>
<p>${esc(words.hello(facts.customerName))}</p>
${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
<p><a data-verify-link href="${esc(facts.verifyUrl)}">${esc(words.button)}</a></p>
</body></html>`;
  return { subject, text, html, sms: `${words.subject}: ${facts.verifyUrl}` };
}
