// expect: safe
const http = require("http");
const { checkDatabase, checkQueue } = require("./health");

const PORT = Number(process.env.ADMIN_PORT || 9100);
const HOST = "127.0.0.1";

const server = http.createServer(async (req, res) => {
  if (req.method !== "GET" || req.url !== "/healthz") {
    res.writeHead(404).end();
    return;
  }
  const [db, queue] = await Promise.all([checkDatabase(), checkQueue()]);
  const healthy = db.ok && queue.ok;
  res.writeHead(healthy ? 200 : 503, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ db, queue }));
});

server.listen(PORT, HOST, () => {
  console.log(`admin endpoints listening on ${HOST}:${PORT}`);
});
