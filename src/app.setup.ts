import { INestApplication } from '@nestjs/common';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { AppLogger } from './common/app-logger';
import { answerClientError, answerFrameworkError, ErrorFilter } from './common/error.filter';
import {
  jsonBodyParser,
  registerLingeringClose,
  registerRequestId,
  registerRequestLog,
  requestIdOf,
} from './common/http-hooks';
import { refuseUnstorableInput } from './common/stored-input';
import { ContractValidationPipe } from './common/validation';
import { AppConfig } from './config/config';
import { AppIoAdapter } from './realtime/io-adapter';

const BODY_LIMIT_BYTES = 100 * 1024;

/** What OpenAPI cannot describe by itself: the error shape, idempotency and the socket.io namespaces. */
const API_DESCRIPTION = `One inventory across stores and the online shop: click-and-collect, ship-from-store, QR shelf
tags and live store terminals.

**Errors** always have the shape \`{statusCode, code, message, details?}\`; validation failures list each field
in \`details.fields\`. **Writes** that move stock or create orders take an \`Idempotency-Key\` header.

**Input limits**: JSON bodies up to 100 KB (413 \`PAYLOAD_TOO_LARGE\`), nested at most 32 levels; \`null\` only
where a field is documented nullable; no NUL characters or unpaired surrogates in query or body text
(400 \`VALIDATION_FAILED\`; a path id holding one names nothing: 404); URL and headers up to 16 KB (431
\`HEADERS_TOO_LARGE\`).

**Real time (socket.io 4)**
- Namespace \`/terminal\` (staff): connect with \`auth: {token, locationIds?}\`; the socket joins the rooms of its
  locations. Events arrive under their type (\`stock.changed\`, \`order.created\`, \`order.updated\`,
  \`transfer.updated\`) as \`{seq, locationId, type, at, data}\`, where \`seq\` counts up by exactly one per
  location. After a drop-out emit \`resume {locationId, afterSeq}\`: the ack holds the missed events in order (or
  \`RESYNC_REQUIRED\` when they were pruned); \`GET /api/locations/{id}/events?after=\` answers the same.
  \`session.closing\` warns before the server closes the socket (token expiry, shutdown): reconnect.
- Namespace \`/shop\` (public): emit \`watch {skus}\` (the ack carries the current availability) and receive
  \`availability.changed {sku, locationId, available, online}\`.
Event and payload types are defined in \`libs/contracts/src/events.ts\`.`;

/** Builds the application as main.ts serves it; tests call the same to get the same app. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  // Fastify rather than express: the same API at several times the requests per core.
  const adapter = new FastifyAdapter({
    trustProxy: trustProxy(config.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: requestIdOf,
    // `__proto__` and `constructor.prototype` in a body are dropped, never applied (as express did).
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
    // As express did: /api/orders/ is /api/orders, and an over-long id is a 404 like any unknown one.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2048 },
    // Malformed URLs and over-long parameters never reach Nest: answered in the contract's shape.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  registerRequestId(adapter.getInstance());
  registerLingeringClose(adapter.getInstance());
  refuseUnstorableInput(adapter.getInstance());
  // The API reads JSON (and forms): plain text is refused like any other type, not passed on as a string.
  adapter.getInstance().removeContentTypeParser('text/plain');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(AppLogger));
  // Set by nestjs-pino once its logger exists; above info no request pays for the line it would not write.
  if (PinoLogger.root.isLevelEnabled('info')) registerRequestLog(adapter.getInstance(), PinoLogger.root);
  app.useBodyParser(
    'application/json',
    { bodyLimit: BODY_LIMIT_BYTES },
    jsonBodyParser(adapter.getInstance()),
  );
  // Picture uploads; each route sets its own file limits when it reads the parts.
  await app.register(multipart);
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalFilters(new ErrorFilter(adapter));
  app.useGlobalPipes(new ContractValidationPipe());
  app.useWebSocketAdapter(new AppIoAdapter(app, config));
  app.enableShutdownHooks();
  setUpDocs(app);
  return app;
}

/** A hop count believes that many proxies in front; Fastify takes it as a function of the hop. */
function trustProxy(setting: AppConfig['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

function setUpDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('O2O commerce API')
      .setDescription(API_DESCRIPTION)
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
}
