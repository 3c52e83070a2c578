// The page the service worker shows when the server cannot be reached: once the connection returns, it goes back to
// the page the person came from, where drafts.js sends any save that was waiting.
window.addEventListener('online', () => {
  const back = document.getElementById('go-back');
  if (back) {
    setTimeout(() => { location.href = back.href; }, 1000);
  }
});
