// expect: safe
function render(el, user) {
  el.textContent = user.name;
  el.innerHTML = '<span class="badge">new</span>';
  const { execFile } = require('child_process');
  execFile('git', ['log', '--oneline']);
  return JSON.parse(user.prefs);
}
