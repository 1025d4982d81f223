// expect: safe
const crypto = require("crypto");
const Fastify = require("fastify");
const { Queue } = require("bullmq");

const fastify = Fastify({ logger: true, bodyLimit: 512 * 1024 });
const deliveries = new Queue("webhook-deliveries", {
  connection: { host: process.env.REDIS_HOST || "127.0.0.1", port: 6379 },
});

fastify.addContentTypeParser("application/json", { parseAs: "buffer" }, (req, body, done) => {
  done(null, body);
});

function validSignature(rawBody, header) {
  if (typeof header !== "string") return false;
  const expected = crypto.createHmac("sha256", process.env.RELAY_SIGNING_SECRET).update(rawBody).digest("hex");
  const given = header.replace(/^sha256=/, "");
  return given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

fastify.post("/hooks/:source", async (request, reply) => {
  if (!validSignature(request.body, request.headers["x-hub-signature-256"])) {
    return reply.code(401).send({ error: "bad signature" });
  }
  const job = await deliveries.add(request.params.source, {
    payload: request.body.toString("utf8"),
    receivedAt: Date.now(),
  });
  return reply.code(202).send({ queued: job.id });
});

fastify.get("/healthz", async () => ({ ok: true }));

async function start() {
  const port = Number(process.env.PORT) || 4000;
  await fastify.listen({ port, host: process.env.HOST || "127.0.0.1" });
}

start().catch((err) => {
  fastify.log.error(err);
  process.exit(1);
});
