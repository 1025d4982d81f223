// expect: safe
const crypto = require("crypto");

const FORMAT_VERSION = 2;
const ALGORITHM = "aes-256-gcm";
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

function configKey() {
  const key = Buffer.from(process.env.DEVICE_CONFIG_KEY || "", "base64");
  if (key.length !== 32) {
    throw new Error("DEVICE_CONFIG_KEY must decode to 32 bytes");
  }
  return key;
}

function encryptConfig(config) {
  const iv = crypto.randomBytes(IV_LENGTH);
  const cipher = crypto.createCipheriv(ALGORITHM, configKey(), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(config), "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), data]);
}

function decryptConfig(blob) {
  if (blob[0] !== FORMAT_VERSION) {
    throw new Error(`unsupported config blob version ${blob[0]}`);
  }
  const iv = blob.subarray(1, 1 + IV_LENGTH);
  const tag = blob.subarray(1 + IV_LENGTH, 1 + IV_LENGTH + TAG_LENGTH);
  const decipher = crypto.createDecipheriv(ALGORITHM, configKey(), iv);
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(blob.subarray(1 + IV_LENGTH + TAG_LENGTH)), decipher.final()]);
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
