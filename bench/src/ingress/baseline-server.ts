import Fastify from 'fastify';

// The yardstick for the ingress, run as its own process: the same fastify
// and the same raw-buffer body handling, then 200 with nothing else done
// (no signature check, no parse, no Kafka).

const port = Number(process.env.PORT ?? 0);
const path = process.env.WEBHOOK_PATH ?? '/webhooks/whatsapp';

const app = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024 });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => {
  done(null, body);
});
app.post(path, async (_request, reply) => reply.code(200).send());
app.get('/readyz', async () => ({ status: 'ready' }));

await app.listen({ port, host: '127.0.0.1' });
process.once('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
