import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pathOf } from '../common/http-hooks';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import {
  BACK_OFFICE,
  findRepoRoot,
  isClientRoute,
  notBuiltPage,
  PageApp,
  preferredShopLanguage,
  STOREFRONT,
  TERMINAL,
  withShopMeta,
} from './web-pages';

const ASSET_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

/**
 * Serves the built page apps beside the API (which lives under /api): /terminal, /admin, /shop with its
 * client-side routes (/shop/orders/:id ...), and /s/:code, the scan landing page of the storefront.
 * Registered on the HTTP server itself because the API's global prefix does not apply to pages.
 */
@Injectable()
export class WebService implements OnModuleInit {
  private readonly distRoot = join(findRepoRoot(), 'dist/apps');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Only reply.sendFile: the routes below tell a file from a page, reading the build as it is now.
    void server.register(fastifyStatic, { root: this.distRoot, serve: false });
    this.mount(server, TERMINAL);
    this.mount(server, STOREFRONT);
    this.mount(server, BACK_OFFICE);
    server.get('/s/:code', (request, reply) => this.sendIndex(STOREFRONT, reply, request));
  }

  private mount(server: FastifyInstance, app: PageApp): void {
    const dir = join(this.distRoot, app.name);
    const answer = (request: FastifyRequest, reply: FastifyReply) => {
      if (isClientRoute(pathOf(request))) return this.sendIndex(app, reply, request);
      // Hashed file names never change content: cached for good (index.html is always revalidated).
      const file = (request.params as { '*': string })['*'];
      if (file.split(/[/\\]/).includes('..')) return reply.callNotFound(); // nothing outside the build
      return reply.sendFile(file, dir, { maxAge: ASSET_MAX_AGE_MS, immutable: true });
    };
    server.get(app.mount, answer);
    server.get(`${app.mount}/*`, answer);
  }

  private async sendIndex(app: PageApp, reply: FastifyReply, request: FastifyRequest): Promise<void> {
    const index = join(this.distRoot, app.name, 'index.html');
    void reply
      .header('Cache-Control', 'no-cache')
      .header('Vary', 'Accept-Language')
      // Order pages carry their access token in the URL: never hand it on to another site.
      .header('Referrer-Policy', 'same-origin')
      .header('X-Content-Type-Options', 'nosniff')
      .type('text/html; charset=utf-8');
    if (!existsSync(index)) return void reply.status(503).send(notBuiltPage(app));
    const html = await readFile(index, 'utf8');
    if (app !== STOREFRONT) return void reply.send(html);
    const language = preferredShopLanguage(request.headers['accept-language']);
    return void reply.send(withShopMeta(html, { retailerName: this.config.retailerName, language }));
  }
}
