import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { MailboxEntry } from './message.entity';
import { mailboxEnabled } from './message-sender.service';

const SHOWN = 200;

/**
 * /dev/mailbox: the mail the app would have sent, newest first, as customers would see it (a page),
 * and /dev/mailbox/messages (JSON, for tests). Served only where the mailbox stands in for a mail
 * server: without SMTP_URL and never in production.
 */
@Injectable()
export class MailboxPage implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    if (!mailboxEnabled(this.config)) return;
    const server = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    server.get('/dev/mailbox/messages', async () => (await this.latest()).map(toJson));
    server.get('/dev/mailbox', async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .send(mailboxHtml(await this.latest(), this.config.retailerName)),
    );
  }

  private latest(): Promise<MailboxEntry[]> {
    return this.dataSource.manager.find(MailboxEntry, {
      order: { createdAt: 'DESC', id: 'DESC' },
      take: SHOWN,
    });
  }
}

function toJson(entry: MailboxEntry) {
  return {
    id: entry.id,
    to: entry.recipient,
    subject: entry.subject,
    text: entry.text,
    html: entry.html,
    at: entry.createdAt.toISOString(),
  };
}

/** Each mail in its own sandboxed frame: its HTML is shown as sent, without running in this page. */
export function mailboxHtml(entries: MailboxEntry[], retailerName: string): string {
  const rows = entries
    .map(
      (
        entry,
      ) => `<article data-testid="mail-row" data-to="${attr(entry.recipient)}" data-subject="${attr(entry.subject)}">
  <h2>${text(entry.subject)}</h2>
  <p>To ${text(entry.recipient)} · ${text(entry.createdAt.toISOString())}</p>
  <iframe title="${attr(entry.subject)}" sandbox srcdoc="${attr(entry.html)}"></iframe>
  <details><summary>Text part</summary><pre>${text(entry.text)}</pre></details>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mailbox – ${text(retailerName)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:760px;padding:16px}
article{border:1px solid #ccc;border-radius:8px;margin:12px 0;padding:12px}
iframe{border:0;width:100%;height:520px}h2{font-size:18px;margin:0}pre{white-space:pre-wrap}</style></head>
<body><h1>Mailbox</h1><p>What customers would have received (no SMTP_URL is set). Newest first.</p>
${rows || '<p>No mail yet.</p>'}
</body></html>`;
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;');
}
