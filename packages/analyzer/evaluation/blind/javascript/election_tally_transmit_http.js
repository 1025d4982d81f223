// expect: S021
const axios = require("axios");

const STATE_TALLY_ENDPOINT = "http://results.sos.state.example/api/v1/tallies";

function buildPayload({ countyFips, precinctCode, contests }) {
  return {
    countyFips,
    precinctCode,
    transmittedAt: new Date().toISOString(),
    contests: contests.map(({ contestId, choices }) => ({
      contestId,
      choices: choices.map(({ choiceId, votes }) => ({ choiceId, votes: Number(votes) })),
    })),
  };
}

async function transmitTally(tally, { retries = 3 } = {}) {
  const payload = buildPayload(tally);
  for (let attempt = 1; attempt <= retries; attempt += 1) {
    try {
      const res = await axios.post(STATE_TALLY_ENDPOINT, payload, {
        headers: { Authorization: `Bearer ${process.env.SOS_TRANSMIT_TOKEN}` },
        timeout: 15000,
      });
      return { receiptId: res.data.receiptId, attempt };
    } catch (err) {
      if (attempt === retries) throw err;
      await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
    }
  }
}

module.exports = { transmitTally };
