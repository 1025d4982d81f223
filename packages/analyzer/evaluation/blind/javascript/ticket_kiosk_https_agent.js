// expect: S023
const fs = require("fs");
const https = require("https");

const agent = new https.Agent({
  keepAlive: true,
  maxSockets: 4,
  ca: fs.readFileSync(process.env.TICKETING_CA_FILE || "/etc/kiosk/ticketing-ca.pem"),
  secureProtocol: "TLSv1_method",
});

function postSale(sale) {
  const payload = JSON.stringify({
    kioskId: process.env.KIOSK_ID,
    fareCode: sale.fareCode,
    quantity: sale.quantity,
    amountCents: sale.amountCents,
    paymentRef: sale.paymentRef,
  });
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        hostname: process.env.TICKETING_HOST,
        path: "/api/v2/sales",
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
        timeout: 10000,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => (res.statusCode === 201 ? resolve(JSON.parse(body)) : reject(new Error(`sale rejected: ${res.statusCode}`))));
      }
    );
    req.on("timeout", () => req.destroy(new Error("ticketing host timed out")));
    req.on("error", reject);
    req.end(payload);
  });
}

module.exports = { postSale };
