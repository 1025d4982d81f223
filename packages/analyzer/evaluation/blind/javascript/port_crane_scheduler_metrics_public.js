// expect: S017
const http = require("http");
const client = require("prom-client");

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

const movesTotal = new client.Counter({
  name: "crane_moves_total",
  help: "Container moves completed per crane",
  labelNames: ["crane"],
  registers: [registry],
});
const queueDepth = new client.Gauge({
  name: "crane_queue_depth",
  help: "Pending moves waiting per crane",
  labelNames: ["crane"],
  registers: [registry],
});

function recordMove(craneId, pending) {
  movesTotal.inc({ crane: craneId });
  queueDepth.set({ crane: craneId }, pending);
}

function startMetricsServer(port = Number(process.env.METRICS_PORT || 9464)) {
  const server = http.createServer(async (req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": registry.contentType });
    res.end(await registry.metrics());
  });
  server.listen(port, "0.0.0.0");
  return server;
}

module.exports = { recordMove, startMetricsServer };
