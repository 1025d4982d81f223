// expect: S005
const axios = require("axios");

const TWILIO_ACCOUNT_SID = "AC3f9d2b7e41c86a05d9e3b1f47a2c6d08";
const TWILIO_AUTH_TOKEN = "9b4e7c21d8f35a60e1c4b7d92f08a3e5";
const FROM_NUMBER = process.env.SMS_FROM || "+15005550006";

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
