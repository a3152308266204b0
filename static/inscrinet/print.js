// « Visualiser/imprimer »: the browser's print dialog (the button stays hidden without JS).
document.querySelectorAll("[data-imprimer]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
