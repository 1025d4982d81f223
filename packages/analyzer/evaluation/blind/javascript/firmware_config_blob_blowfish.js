// expect: S007
const crypto = require("crypto");

const FORMAT_VERSION = 1;
const ALGORITHM = "bf-cbc";
const IV_LENGTH = 8;

function configKey() {
  const key = Buffer.from(process.env.DEVICE_CONFIG_KEY || "", "base64");
  if (key.length !== 16) {
    throw new Error("DEVICE_CONFIG_KEY must decode to 16 bytes");
  }
  return key;
}

function encryptConfig(config) {
  const iv = crypto.randomBytes(IV_LENGTH);
  const cipher = crypto.createCipheriv(ALGORITHM, configKey(), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(config), "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, data]);
}

function decryptConfig(blob) {
  if (blob[0] !== FORMAT_VERSION) {
    throw new Error(`unsupported config blob version ${blob[0]}`);
  }
  const iv = blob.subarray(1, 1 + IV_LENGTH);
  const decipher = crypto.createDecipheriv(ALGORITHM, configKey(), iv);
  const plain = Buffer.concat([decipher.update(blob.subarray(1 + IV_LENGTH)), decipher.final()]);
  return JSON.parse(plain.toString("utf8"));
}

function buildProvisioningImage(device) {
  return encryptConfig({
    deviceId: device.id,
    mqttHost: device.mqttHost,
    wifiSsid: device.wifi.ssid,
    wifiPsk: device.wifi.psk,
    reportIntervalSec: device.reportIntervalSec || 300,
  });
}

module.exports = { encryptConfig, decryptConfig, buildProvisioningImage };
