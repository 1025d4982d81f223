// expect: S028
const crypto = require("crypto");
const fastifyCookie = require("@fastify/cookie");

const CART_TTL_SECONDS = 7 * 24 * 3600;

async function cartRoutes(fastify) {
  await fastify.register(fastifyCookie, { secret: process.env.COOKIE_SECRET });

  async function ensureCart(request, reply) {
    const signed = request.cookies.cart_session && request.unsignCookie(request.cookies.cart_session);
    if (signed && signed.valid) {
      return signed.value;
    }
    const cartId = crypto.randomUUID();
    await fastify.pg.query("insert into carts (id, created_at) values ($1, now())", [cartId]);
    reply.setCookie("cart_session", cartId, {
      path: "/",
      signed: true,
      sameSite: "lax",
      maxAge: CART_TTL_SECONDS,
    });
    return cartId;
  }

  fastify.post("/cart/items", async (request, reply) => {
    const { sku, quantity = 1 } = request.body || {};
    if (typeof sku !== "string" || !Number.isInteger(quantity) || quantity < 1 || quantity > 20) {
      return reply.code(400).send({ error: "invalid item" });
    }
    const cartId = await ensureCart(request, reply);
    await fastify.pg.query(
      `insert into cart_items (cart_id, sku, quantity) values ($1, $2, $3)
       on conflict (cart_id, sku) do update set quantity = cart_items.quantity + excluded.quantity`,
      [cartId, sku, quantity]
    );
    return reply.code(201).send({ ok: true });
  });
}

module.exports = cartRoutes;
