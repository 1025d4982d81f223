// expect: safe
const axios = require("axios");
const express = require("express");

const router = express.Router();

const CARRIERS = {
  northline: "https://api.northline-freight.example.com/v1/track/",
  bluewave: "https://tracking.bluewave-shipping.example.com/api/status/",
  railco: "https://edi.railco.example.net/track/",
};
const TRACKING_NUMBER = /^[A-Z0-9]{8,24}$/;

async function fetchCarrierStatus({ carrier, trackingNumber }) {
  const base = CARRIERS[carrier];
  const response = await axios.get(base + encodeURIComponent(trackingNumber), {
    timeout: 8000,
    maxRedirects: 0,
    headers: { Accept: "application/json" },
  });
  return response.data;
}

router.post("/shipments/:id/refresh-status", express.json(), async (req, res, next) => {
  const { carrier, trackingNumber } = req.body || {};
  if (!Object.prototype.hasOwnProperty.call(CARRIERS, carrier) || !TRACKING_NUMBER.test(String(trackingNumber))) {
    return res.status(400).json({ error: "unknown carrier or malformed tracking number" });
  }
  try {
    const shipments = req.app.locals.shipments;
    const shipment = await shipments.get(req.params.id, req.user.companyId);
    if (!shipment) {
      return res.status(404).json({ error: "shipment not found" });
    }
    const status = await fetchCarrierStatus({ carrier, trackingNumber: String(trackingNumber) });
    await shipments.updateStatus(shipment.id, status.state, status.eta);
    res.json({ id: shipment.id, state: status.state, eta: status.eta });
  } catch (err) {
    if (err.isAxiosError) {
      return res.status(502).json({ error: "carrier lookup failed" });
    }
    next(err);
  }
});

module.exports = router;
