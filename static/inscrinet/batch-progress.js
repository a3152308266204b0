// S8: while the confirmations are being assembled, ask their state every 2 seconds and
// update the progress bar and its sentence in place (a polite live region); once ready,
// load the page again to offer the download. Without JavaScript, « Actualiser » does it.
document.addEventListener("DOMContentLoaded", function () {
  var bar = document.getElementById("barre-avancement");
  if (!bar || !window.fetch) {
    return;
  }
  var text = document.getElementById("avancement");
  var url = bar.getAttribute("data-etat");
  function ask() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        bar.max = state.total;
        bar.value = state.done;
        if (state.finished) {
          window.location.reload();
          return;
        }
        text.textContent = "Préparation en cours : " + state.done + " sur " + state.total + ".";
        window.setTimeout(ask, 2000);
      })
      .catch(function () { window.setTimeout(ask, 5000); });
  }
  window.setTimeout(ask, 2000);
});
