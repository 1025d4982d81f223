// expect: safe
const net = require("net");
const readline = require("readline");

const PORT = Number(process.env.SILO_TELEMETRY_PORT || 9100);
const HOST = "127.0.0.1";
const LINE = /^(\w+),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/;

function parseReading(line) {
  const m = LINE.exec(line.trim());
  if (!m) return null;
  return { silo: m[1], tempC: Number(m[2]), humidity: Number(m[3]), fillPct: Number(m[4]), at: new Date() };
}

function startServer(store) {
  const server = net.createServer((socket) => {
    socket.setTimeout(120000, () => socket.destroy());
    const rl = readline.createInterface({ input: socket, crlfDelay: Infinity });
    rl.on("line", (line) => {
      const reading = parseReading(line);
      if (reading) {
        store.push(reading).catch((err) => console.error("store failed", err.message));
        socket.write("OK\n");
      } else {
        socket.write("ERR\n");
      }
    });
    socket.on("error", () => rl.close());
  });
  server.listen(PORT, HOST, () => console.log(`silo telemetry listening on ${HOST}:${PORT}`));
  return server;
}

module.exports = { startServer, parseReading };
