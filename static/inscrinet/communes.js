// Birth commune suggestions: fills a <datalist> from the communes of the chosen
// département as the candidate types. The screen works the same without JavaScript.
(function () {
  var input = document.getElementById("id_etat_civil-birth_commune");
  var departement = document.getElementById("id_etat_civil-birth_departement");
  var list = document.getElementById("communes-suggestions");
  if (!input || !departement || !list) return;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = list.dataset.url + "?departement=" + encodeURIComponent(departement.value) +
        "&q=" + encodeURIComponent(input.value);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { communes: [] }; })
        .then(function (data) {
          list.replaceChildren.apply(list, data.communes.map(function (name) {
            var option = document.createElement("option");
            option.value = name;
            return option;
          }));
        })
        .catch(function () { /* suggestions only: typing still works */ });
    }, 200);
  });
})();
