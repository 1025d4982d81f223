// ruleid: S005
const password: string = 'hunter22';
// ok: S005
const passwordLabel: string = 'Password';
const labels = {
  // ok: S005
  'auth.password': '密码',
};
export { password, passwordLabel, labels };
