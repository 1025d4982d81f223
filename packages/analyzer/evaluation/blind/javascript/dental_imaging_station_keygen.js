// expect: S024
const { generateKeyPair } = require("crypto");
const fs = require("fs/promises");
const path = require("path");
const { promisify } = require("util");

const generateKeyPairAsync = promisify(generateKeyPair);
const KEY_DIR = process.env.IMAGING_KEY_DIR || "/etc/imaging/keys";
const STATION_ID = /^[a-z0-9][a-z0-9-]{2,31}$/;

async function provisionImagingStation(stationId) {
  if (!STATION_ID.test(stationId)) throw new Error("invalid station id");

  const { publicKey, privateKey } = await generateKeyPairAsync("rsa", {
    modulusLength: 1024,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });

  const dir = path.join(KEY_DIR, stationId);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.writeFile(path.join(dir, "station.key"), privateKey, { mode: 0o600 });
  await fs.writeFile(path.join(dir, "station.pub"), publicKey, { mode: 0o644 });
  return { stationId, publicKey };
}

module.exports = { provisionImagingStation };
