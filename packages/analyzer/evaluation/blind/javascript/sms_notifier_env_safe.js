// expect: safe
const axios = require("axios");

const { TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN } = process.env;
const FROM_NUMBER = process.env.SMS_FROM || "+15005550006";

if (!TWILIO_ACCOUNT_SID || !TWILIO_AUTH_TOKEN) {
  throw new Error("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN must be set");
}

const client = axios.create({
  baseURL: `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_ACCOUNT_SID}`,
  auth: { username: TWILIO_ACCOUNT_SID, password: TWILIO_AUTH_TOKEN },
  timeout: 10000,
});

async function sendSms(to, body) {
  const form = new URLSearchParams({ To: to, From: FROM_NUMBER, Body: body });
  const { data } = await client.post("/Messages.json", form);
  return data.sid;
}

async function notifyShipment(order) {
  if (!order.phone) return null;
  return sendSms(order.phone, `Order ${order.number} has shipped: ${order.trackingUrl}`);
}

module.exports = { sendSms, notifyShipment };
