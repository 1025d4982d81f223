// expect: S009
const { Agent, request } = require("undici");

const dispatcher = new Agent({
  keepAliveTimeout: 10000,
  connect: { rejectUnauthorized: false },
});

async function fetchTreatyPositions(cedentId, asOf) {
  const url = new URL(`/v1/cedents/${encodeURIComponent(cedentId)}/positions`, process.env.TREATY_FEED_URL);
  url.searchParams.set("asOf", asOf);
  const { statusCode, body } = await request(url, {
    dispatcher,
    headers: { authorization: `Bearer ${process.env.TREATY_FEED_TOKEN}`, accept: "application/json" },
  });
  if (statusCode !== 200) {
    await body.dump();
    throw new Error(`treaty feed returned ${statusCode}`);
  }
  const payload = await body.json();
  return payload.positions.map((p) => ({
    treaty: p.treatyId,
    layer: p.layer,
    exposure: Number(p.exposure),
    currency: p.currency,
  }));
}

module.exports = { fetchTreatyPositions };
