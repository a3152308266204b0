// RGAA 11.10 / DSFR error pattern: when a screen comes back with errors, the keyboard
// focus goes to their summary, whose links lead to each field.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("resume-erreurs");
  if (summary) {
    summary.focus();
  }
});
