// expect: safe
const axios = require("axios");

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} must be set`);
  }
  return value;
}

const crm = axios.create({
  baseURL: "https://crm.givingtree.example.org/api/v2",
  timeout: 10000,
  auth: {
    username: requiredEnv("CRM_SYNC_USER"),
    password: requiredEnv("CRM_SYNC_PASSWORD"),
  },
  headers: { Accept: "application/json" },
});

async function upsertDonor({ email, firstName, lastName, postcode, giftAid = false }) {
  const { data } = await crm.put(`/supporters/by-email/${encodeURIComponent(email)}`, {
    first_name: firstName,
    last_name: lastName,
    postcode,
    gift_aid_declared: Boolean(giftAid),
  });
  return data.supporter_id;
}

async function recordGift(supporterId, { amountPence, campaign, receivedAt }) {
  const { data } = await crm.post(`/supporters/${supporterId}/gifts`, {
    amount: amountPence / 100,
    currency: "GBP",
    campaign_code: campaign,
    received_at: receivedAt,
  });
  return data;
}

module.exports = { upsertDonor, recordGift };
