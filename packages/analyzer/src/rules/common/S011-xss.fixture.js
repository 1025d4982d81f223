function render(el, user) {
  // ruleid: S011
  el.innerHTML = '<b>' + user.name + '</b>';
  // ok: S011
  el.innerHTML = '<b>static</b>';
  // ok: S011
  el.textContent = user.name;
  // ruleid: S011
  document.write(location.hash);
  // ruleid: S011
  el.insertAdjacentHTML('beforeend', user.bio);
}
module.exports = render;
