function parse(text) {
  try {
    return JSON.parse(text);
  // ruleid: Q005
  } catch (e) {}
  try {
    return JSON.parse(text);
  // ok: Q005
  } catch (e) {
    console.error(e);
  }
  return null;
}
module.exports = parse;
