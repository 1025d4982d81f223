// expect: S023
const https = require("https");
const fs = require("fs");

const options = {
  key: fs.readFileSync("/etc/terminal-gw/server.key"),
  cert: fs.readFileSync("/etc/terminal-gw/server.crt"),
  // field terminals only support TLS 1.0
  secureProtocol: "TLSv1_method",
};

const server = https.createServer(options, (req, res) => {
  let size = 0;
  req.on("data", (chunk) => (size += chunk.length));
  req.on("end", () => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ received: size }));
  });
});

server.listen(9443, () => console.log("terminal gateway on :9443"));
