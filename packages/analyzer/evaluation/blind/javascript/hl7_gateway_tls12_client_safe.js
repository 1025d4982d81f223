// expect: safe
const fs = require("fs");
const tls = require("tls");

const VT = "\x0b";
const FS_CR = "\x1c\r";

const LAB_HOST = process.env.LAB_HL7_HOST || "hl7.regional-lab.example";
const LAB_PORT = Number(process.env.LAB_HL7_PORT || 6661);

function tlsOptions() {
  return {
    host: LAB_HOST,
    port: LAB_PORT,
    servername: LAB_HOST,
    ca: fs.readFileSync(process.env.LAB_CA_FILE || "/etc/hl7/lab-ca.pem"),
    cert: fs.readFileSync(process.env.HL7_CLIENT_CERT),
    key: fs.readFileSync(process.env.HL7_CLIENT_KEY),
    minVersion: "TLSv1.2",
  };
}

function sendMessage(hl7Message) {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(tlsOptions(), () => {
      socket.write(VT + hl7Message.replace(/\n/g, "\r") + FS_CR);
    });
    let ack = "";
    socket.setEncoding("utf8");
    socket.setTimeout(15000, () => socket.destroy(new Error("ACK timeout")));
    socket.on("data", (chunk) => {
      ack += chunk;
      if (ack.endsWith(FS_CR)) {
        socket.end();
        resolve(ack.slice(1, -2));
      }
    });
    socket.on("error", reject);
  });
}

module.exports = { sendMessage };
