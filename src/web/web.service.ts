import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { findRepoRoot, isClientRoute, notBuiltPage, PageApp, STOREFRONT, TERMINAL } from './web-pages';

const ASSET_MAX_AGE = '365d';

/**
 * Serves the built page apps beside the API (which lives under /api): /terminal, /shop with its
 * client-side routes (/shop/orders/:id ...), and /s/:code, the scan landing page of the storefront.
 * Mounted as express middleware because the API's global prefix does not apply to pages.
 */
@Injectable()
export class WebService implements OnModuleInit {
  private readonly distRoot = join(findRepoRoot(), 'dist/apps');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter.getInstance<express.Express>();
    this.mount(server, TERMINAL);
    this.mount(server, STOREFRONT);
    server.get('/s/:code', (_request, response) => this.sendIndex(STOREFRONT, response));
  }

  private mount(server: express.Express, app: PageApp): void {
    const dir = join(this.distRoot, app.name);
    // Hashed file names never change content: cache them for good; index.html is always revalidated.
    server.use(
      app.mount,
      express.static(dir, {
        index: false,
        redirect: false,
        fallthrough: true,
        maxAge: ASSET_MAX_AGE,
        immutable: true,
      }),
    );
    server.use(app.mount, (request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return next();
      if (!isClientRoute(request.path)) return next();
      this.sendIndex(app, response);
    });
  }

  private sendIndex(app: PageApp, response: Response): void {
    const index = join(this.distRoot, app.name, 'index.html');
    response.setHeader('Cache-Control', 'no-cache');
    // Order pages carry their access token in the URL: never hand it on to another site.
    response.setHeader('Referrer-Policy', 'same-origin');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (!existsSync(index)) {
      response.status(503).type('html').send(notBuiltPage(app));
      return;
    }
    response.sendFile(index);
  }
}
