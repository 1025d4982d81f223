// expect: safe
const express = require("express");
const { MongoClient } = require("mongodb");

const client = new MongoClient(process.env.MONGO_URL);
const app = express();
app.use(express.json());

async function requireApiKey(req, res, next) {
  const apiKey = req.body.apiKey;
  if (typeof apiKey !== "string" || apiKey.length !== 40) {
    return res.status(401).json({ error: "invalid api key" });
  }
  const keys = client.db("platform").collection("api_keys");
  const record = await keys.findOne({ key: { $eq: apiKey }, revoked: false });
  if (!record) return res.status(401).json({ error: "invalid api key" });
  req.tenant = record.tenantId;
  next();
}

app.post("/v1/events", requireApiKey, async (req, res) => {
  const events = client.db("platform").collection("events");
  await events.insertOne({ tenant: req.tenant, type: String(req.body.type), at: new Date() });
  res.status(202).json({ accepted: true });
});

client.connect().then(() => app.listen(5000));
