// expect: S014
const axios = require("axios");
const express = require("express");

const router = express.Router();

async function fetchCarrierStatus({ trackingUrl, carrier = "generic" }) {
  const response = await axios.get(trackingUrl, {
    timeout: 8000,
    headers: { Accept: "application/json", "X-Carrier": carrier },
  });
  return response.data;
}

router.post("/shipments/:id/refresh-status", express.json(), async (req, res, next) => {
  try {
    const shipments = req.app.locals.shipments;
    const shipment = await shipments.get(req.params.id, req.user.companyId);
    if (!shipment) {
      return res.status(404).json({ error: "shipment not found" });
    }
    const status = await fetchCarrierStatus(req.body);
    await shipments.updateStatus(shipment.id, status.state, status.eta);
    res.json({ id: shipment.id, state: status.state, eta: status.eta, raw: status });
  } catch (err) {
    if (err.isAxiosError) {
      return res.status(502).json({ error: "carrier lookup failed" });
    }
    next(err);
  }
});

module.exports = router;
