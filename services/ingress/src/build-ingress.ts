import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Kafka, Producer } from 'kafkajs';
import { topicNames } from '@wapipe/contracts';
import {
  LingerProducer,
  brokerCheck,
  createKafka,
  createProducer,
  ensureConfiguredTopics,
} from '@wapipe/kafka';
import {
  buildManagementServer,
  createLogger,
  createMetricsRegistry,
  type Logger,
  type MetricsRegistry,
  type PeriodicCheck,
} from '@wapipe/telemetry';
import type { IngressConfig } from './config.ts';
import { earliestExpiry } from './client-ca-expiry.ts';
import { registerHandshakeRoute } from './handshake-route.ts';
import { buildHttpApp } from './http-app.ts';
import {
  caExpiryGauge,
  createIngressMetrics,
  type IngressMetrics,
} from './metrics.ts';
import { WebhookWriter } from './webhook-writer.ts';
import { registerWebhookRoute } from './webhook-route.ts';

export interface IngressService {
  /** The public app; `inject` works on it before `start`. */
  app: FastifyInstance;
  management: FastifyInstance;
  registry: MetricsRegistry;
  /** Connects the producer, then listens; resolves with both base URLs. */
  start(): Promise<{ url: string; managementUrl: string }>;
  /** Stops taking requests, lets in-flight ones finish, flushes, closes. */
  stop(): Promise<void>;
}

interface Parts {
  config: IngressConfig;
  logger: Logger;
  registry: MetricsRegistry;
  kafka: Kafka;
  producer: Producer;
  lingering: LingerProducer;
  state: { connected: boolean; draining: boolean };
  broker: PeriodicCheck;
  app: FastifyInstance;
  management: FastifyInstance;
}

/** Assembles the ingress without connecting or listening. */
export function buildIngress(
  config: IngressConfig,
  options: { logger?: Logger } = {},
): IngressService {
  const logger =
    options.logger ??
    createLogger({ service: 'ingress', level: config.LOG_LEVEL });
  const parts = assemble(config, logger);
  return {
    app: parts.app,
    management: parts.management,
    registry: parts.registry,
    start: () => start(parts),
    stop: () => stop(parts),
  };
}

function assemble(config: IngressConfig, logger: Logger): Parts {
  const registry = createMetricsRegistry('ingress');
  const metrics = createIngressMetrics(registry);
  const { kafka, producer, lingering } = kafkaParts(config, logger);
  const state = watchConnection(producer);
  const writer = new WebhookWriter(
    lingering,
    topicNames(config.TOPIC_PREFIX),
    config.PRODUCE_DEADLINE_MS,
  );
  const app = buildHttpApp(config, logger, metrics);
  registerRoutes(app, config, { writer, metrics, logger });
  closeWhileDraining(app, state);
  const broker = brokerCheck(kafka);
  const management = buildManagementServer({
    registry,
    isReady: () => state.connected && !state.draining && broker.ok,
  });
  return {
    config,
    logger,
    registry,
    kafka,
    producer,
    lingering,
    state,
    broker,
    app,
    management,
  };
}

// A bounded producer: every produce must end within the answer deadline.
function kafkaParts(config: IngressConfig, logger: Logger) {
  const tuning = boundedRetries(config);
  const kafka = createKafka(config, logger, 'wapipe-ingress', tuning);
  const producer = createProducer(kafka, {
    idempotent: false,
    retry: tuning.retry,
  });
  const lingering = new LingerProducer(producer, {
    lingerMs: config.PRODUCE_LINGER_MS,
    maxBatchRecords: config.PRODUCE_MAX_BATCH_RECORDS,
    // Two bodies at the 4 MiB default limit; half the topics' 16 MiB.
    maxBatchBytes: 8 * 1024 * 1024,
  });
  return { kafka, producer, lingering };
}

async function start(parts: Parts) {
  const { config, logger, app, management, broker } = parts;
  if (config.APP_SECRETS.length === 0) {
    logger.warn(
      'no APP_SECRETS configured: every webhook POST will be refused',
    );
  }
  exportCaExpiry(config, parts.registry);
  // Probes answer (not ready) while Kafka is still being reached.
  const managementUrl = await management.listen({
    port: config.MANAGEMENT_PORT,
    host: config.MANAGEMENT_HOST,
  });
  const topics = topicNames(config.TOPIC_PREFIX);
  await ensureConfiguredTopics(parts.kafka, config, [
    topics.webhooks,
    topics.dlq,
  ]);
  await parts.producer.connect();
  await broker.run();
  broker.start();
  const url = await app.listen({ port: config.PORT, host: config.HOST });
  const port = (server: FastifyInstance) =>
    (server.server.address() as AddressInfo).port;
  logger.info(
    { port: port(app), managementPort: port(management) },
    'ingress listening',
  );
  return { url, managementUrl };
}

// Refuse new work first, let in-flight requests finish, then flush what
// they produced before the producer goes away.
async function stop(parts: Parts) {
  parts.state.draining = true;
  await parts.broker.stop();
  await parts.app.close();
  await parts.lingering.flush();
  await parts.producer.disconnect();
  await parts.management.close();
  parts.logger.info('ingress stopped');
}

// Answers given while draining close their connection, so keep-alive
// clients cannot hold the server open past its in-flight requests.
function closeWhileDraining(
  app: FastifyInstance,
  state: { draining: boolean },
): void {
  // A callback hook: an async one costs a promise on every request.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (state.draining) reply.header('connection', 'close');
    done(null, payload);
  });
}

function registerRoutes(
  app: FastifyInstance,
  config: IngressConfig,
  deps: { writer: WebhookWriter; metrics: IngressMetrics; logger: Logger },
): void {
  registerHandshakeRoute(app, {
    path: config.WEBHOOK_PATH,
    verifyToken: config.VERIFY_TOKEN,
    metrics: deps.metrics,
  });
  registerWebhookRoute(app, {
    ...deps,
    path: config.WEBHOOK_PATH,
    appSecrets: config.APP_SECRETS,
    clientCert: {
      requiredCn: config.REQUIRE_CLIENT_CERT_CN,
      subjectHeader: config.CLIENT_CERT_SUBJECT_HEADER,
    },
  });
}

function watchConnection(producer: Producer) {
  const state = { connected: false, draining: false };
  producer.on(producer.events.CONNECT, () => (state.connected = true));
  producer.on(producer.events.DISCONNECT, () => (state.connected = false));
  return state;
}

// Registered only with a bundle: a gauge reading 0 would look like a
// certificate that expired in 1970 to every alert on it.
function exportCaExpiry(
  config: IngressConfig,
  registry: MetricsRegistry,
): void {
  if (!config.TLS_CLIENT_CA_FILE) return;
  const expiry = earliestExpiry(config.TLS_CLIENT_CA_FILE);
  if (expiry !== undefined) caExpiryGauge(registry).set(expiry);
}

// A produce must give up within the answer deadline: one that succeeded
// after we answered 503 would be a record Meta also re-sends.
function boundedRetries(config: IngressConfig) {
  const budget = Math.max(config.PRODUCE_DEADLINE_MS, 400);
  return {
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: budget / 4 },
    connectionTimeout: Math.floor(budget / 4),
    requestTimeout: Math.floor(budget / 2),
  };
}
