// expect: S034
const express = require("express");
const { MongoClient } = require("mongodb");

const client = new MongoClient(process.env.RENTALS_MONGO_URL);
const router = express.Router();
router.use(express.json({ limit: "16kb" }));

let collection;
async function reservations() {
  if (!collection) {
    await client.connect();
    collection = client.db("rentals").collection("reservations");
  }
  return collection;
}

router.post("/reservations/lookup", async (req, res, next) => {
  const { confirmationCode, lastName } = req.body || {};
  if (!confirmationCode || !lastName) {
    return res.status(400).json({ error: "confirmationCode and lastName are required" });
  }
  try {
    const coll = await reservations();
    const booking = await coll.findOne(
      { confirmationCode, lastName },
      { projection: { _id: 0, confirmationCode: 1, lastName: 1, pickupDate: 1, items: 1, shop: 1 } }
    );
    if (!booking) return res.status(404).json({ error: "reservation not found" });
    res.json(booking);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
