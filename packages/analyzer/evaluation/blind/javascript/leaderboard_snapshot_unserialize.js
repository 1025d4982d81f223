// expect: S004
const serialize = require("node-serialize");

async function leaderboardRoutes(fastify) {
  fastify.get("/leaderboards/:season/snapshot", async (request) => {
    const entries = await fastify.leaderboards.top(request.params.season, 1000);
    const packed = serialize.serialize({ season: request.params.season, entries });
    return { snapshot: Buffer.from(packed).toString("base64") };
  });

  fastify.post("/leaderboards/:season/restore", { preHandler: fastify.requireModerator }, async (request, reply) => {
    const { snapshot } = request.body || {};
    if (typeof snapshot !== "string") {
      return reply.code(400).send({ error: "snapshot must be a base64 string" });
    }
    const board = serialize.unserialize(Buffer.from(snapshot, "base64").toString("utf8"));
    if (!board || !Array.isArray(board.entries)) {
      return reply.code(422).send({ error: "snapshot has no entries" });
    }
    const rows = board.entries.map((e) => ({ player: String(e.player), score: Number(e.score) }));
    await fastify.leaderboards.replace(request.params.season, rows);
    return { season: request.params.season, restored: rows.length };
  });
}

module.exports = leaderboardRoutes;
