function createToken() {
  // ruleid: S008
  const token = Math.random().toString(36).slice(2);
  // ok: S008
  const delay = Math.random() * 100;
  return { token, delay };
}

function generateInviteCode(length) {
  let out = '';
  for (let i = 0; i < length; i++) {
    // ruleid: S008
    out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  }
  return out;
}

function issueResetToken(send) {
  // ok: S008
  const jitter = Math.random() * 50;
  // ok: S008
  setTimeout(send, Math.random() * 1000);
  return { jitter, token: crypto.randomUUID() };
}
module.exports = { createToken, generateInviteCode, issueResetToken };

function giftCardCode() {
  // ruleid: S008
  return String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
}

function pairingPollDelay() {
  // ok: S008
  return 5000 + Math.floor(Math.random() * 1000);
}

module.exports.cards = { giftCardCode, pairingPollDelay };
