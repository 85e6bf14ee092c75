import { createTransport } from 'nodemailer';
import type { EntityManager } from 'typeorm';
import { sql } from '../database/sql';

/** An email ready to go: the sender's Message-ID comes from the message row, so a retry is recognisable. */
export interface OutgoingMail {
  messageId: string;
  rowId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Inline images referenced from the HTML as cid:<cid>. */
  inline: Array<{ cid: string; filename: string; contentType: string; content: Buffer }>;
}

/**
 * Why a send failed, as the sender must treat it: `retry` (the server was not reached or refused for
 * now: nothing was delivered), `failed` (refused for good, or the outcome is unknown because the
 * connection broke after the message was handed over: never resent by itself, so never twice).
 */
export class SendFailure extends Error {
  constructor(
    readonly outcome: 'retry' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

export interface MailTransport {
  readonly name: string;
  send(mail: OutgoingMail): Promise<void>;
  close?(): void;
}

/** Sends over SMTP (SMTP_URL) with nodemailer. */
export class SmtpMailTransport implements MailTransport {
  readonly name = 'smtp';
  private readonly transport;

  constructor(smtpUrl: string, from: string) {
    this.transport = createTransport(
      {
        url: smtpUrl,
        // A mail server that does not answer is treated as away: retried later, not waited for.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      },
      { from },
    );
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({
        messageId: mail.messageId,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: mail.inline.map((a) => ({ ...a, contentDisposition: 'inline' as const })),
      });
    } catch (error) {
      throw smtpFailure(error as SmtpError);
    }
  }

  close(): void {
    this.transport.close();
  }
}

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
}

/**
 * Before the message was handed over (connection refused, greeting, MAIL FROM, RCPT TO) nothing was
 * delivered: a temporary refusal (4xx) or no answer is retried, a permanent one (5xx) fails. At or
 * after DATA the server may have taken it: a lost answer there fails (at most once beats twice).
 */
export function smtpFailure(error: SmtpError): SendFailure {
  const what = `${error.code ?? 'error'}${error.responseCode ? ` ${error.responseCode}` : ''}: ${error.message}`;
  const handedOver = error.command === 'DATA' || error.command === 'DATA-END' || error.code === 'EMESSAGE';
  if (error.responseCode && error.responseCode >= 500) return new SendFailure('failed', what);
  if (handedOver && !error.responseCode) return new SendFailure('failed', `outcome unknown: ${what}`);
  return new SendFailure('retry', what);
}

/**
 * The mailbox inside the app: each mail is kept as a row (the inline images turned into data: URLs so
 * that the page shows them), readable at /dev/mailbox from any instance. Only without SMTP_URL and
 * never in production.
 */
export class MailboxTransport implements MailTransport {
  readonly name = 'mailbox';

  constructor(private readonly write: (work: (em: EntityManager) => Promise<void>) => Promise<void>) {}

  send(mail: OutgoingMail): Promise<void> {
    let html = mail.html;
    for (const image of mail.inline) {
      html = html.replaceAll(
        `cid:${image.cid}`,
        `data:${image.contentType};base64,${image.content.toString('base64')}`,
      );
    }
    return this.write(async (em) => {
      await sql(
        em,
        `INSERT INTO mailbox (id, recipient, subject, html, text, created_at)
         VALUES (:id, :to, :subject, :html, :text, :createdAt)`,
        {
          id: mail.rowId,
          to: mail.to,
          subject: mail.subject,
          html,
          text: mail.text,
          createdAt: new Date().toISOString(),
        },
      );
    });
  }
}

/** The built-in SMS adapter: POSTs {to, text, reference} as JSON to SMS_WEBHOOK_URL. */
export class WebhookSmsTransport {
  constructor(private readonly url: string) {}

  async send(sms: { to: string; text: string; reference: string }): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': sms.reference },
        body: JSON.stringify(sms),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw new SendFailure('retry', `SMS gateway not reached: ${(error as Error).message}`);
    }
    if (response.ok) return;
    const outcome = response.status >= 500 || response.status === 429 ? 'retry' : 'failed';
    throw new SendFailure(outcome, `SMS gateway answered ${response.status}`);
  }
}
