function createToken() {
  // ruleid: S008
  const token = Math.random().toString(36).slice(2);
  // ok: S008
  const delay = Math.random() * 100;
  return { token, delay };
}
module.exports = createToken;
