const config = {
  // ruleid: S005
  clientSecret: 'q8Xz3vN2pL9mK4wR7tY1',
  // ok: S005
  passwordLabel: 'Password',
};
// ruleid: S005
const githubToken = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
// ok: S005
const secret = process.env.SECRET;
module.exports = { config, githubToken, secret };
// ruleid: S005
const password = 'hunter22';
// ok: S005
const bypass = 'northeast';

function checkLogin(password) {
  // ok: S005
  if (typeof password !== 'string') return false;
  // ruleid: S005
  return password === 'letmein99';
}
module.exports.checkLogin = checkLogin;
