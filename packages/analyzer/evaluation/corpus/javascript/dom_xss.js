// expect: S011
function showMessage() {
  const params = new URLSearchParams(location.search);
  document.getElementById('msg').innerHTML = params.get('m');
}
