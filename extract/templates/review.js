// Each checkbox names a class (a layer or a kind); unchecking it adds hide-<class> to <body>.
document.querySelectorAll("input[data-toggle]").forEach(function (box) {
  function apply() { document.body.classList.toggle("hide-" + box.dataset.toggle, !box.checked); }
  box.addEventListener("change", apply);
  apply();
});
