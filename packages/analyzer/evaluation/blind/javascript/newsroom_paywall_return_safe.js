// expect: safe
const SITE_ORIGIN = new URL(process.env.SITE_URL || "https://news.example.com").origin;

function safeReturnPath(candidate) {
  if (typeof candidate !== "string" || !candidate) return "/";
  let target;
  try {
    target = new URL(candidate, SITE_ORIGIN);
  } catch {
    return "/";
  }
  if (target.origin !== SITE_ORIGIN) return "/";
  return `${target.pathname}${target.search}${target.hash}`;
}

async function paywallRoutes(fastify) {
  fastify.get("/subscribe/return", async (request, reply) => {
    const { session_id: sessionId, returnTo = "/" } = request.query;
    if (!sessionId) {
      return reply.code(400).send({ error: "missing checkout session" });
    }
    const subscription = await fastify.billing.confirmCheckout(sessionId);
    if (!subscription) {
      return reply.code(402).send({ error: "payment not confirmed" });
    }
    await fastify.readers.grantAccess(subscription.readerId, subscription.plan);
    request.log.info({ reader: subscription.readerId, plan: subscription.plan }, "subscription activated");
    return reply.redirect(302, safeReturnPath(returnTo));
  });
}

module.exports = paywallRoutes;
