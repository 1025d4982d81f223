// expect: safe
const fs = require("fs");
const https = require("https");

const GATES = JSON.parse(process.env.PARKING_GATES_JSON || "{}");

const agent = new https.Agent({
  ca: fs.readFileSync(process.env.GATE_CA_FILE || "/etc/parking/gate-ca.pem"),
  minVersion: "TLSv1.2",
  keepAlive: true,
  maxSockets: 8,
});

function openGate(laneId, ticketId) {
  const host = GATES[laneId];
  if (!host) return Promise.reject(new Error(`unknown lane ${laneId}`));
  const body = JSON.stringify({ ticketId, reason: "paid-exit" });

  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host,
        port: 8443,
        path: `/lanes/${encodeURIComponent(laneId)}/barrier/open`,
        method: "POST",
        agent,
        timeout: 5000,
        headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => (res.statusCode === 204 ? resolve() : reject(new Error(`gate ${res.statusCode}`))));
      }
    );
    req.on("timeout", () => req.destroy(new Error("gate controller timed out")));
    req.on("error", reject);
    req.end(body);
  });
}

module.exports = { openGate };
