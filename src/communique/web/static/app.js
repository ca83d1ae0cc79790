// communique: small conveniences; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // One name for every review form of the page: typing it once fills the others.
  const names = document.querySelectorAll('input[name="reviewer"]');
  names.forEach((input) => {
    input.addEventListener("change", () => {
      names.forEach((other) => { if (!other.value) other.value = input.value; });
    });
  });
  // Escape hides the coding tooltip of the focused trigger (WCAG 1.4.13: dismissible).
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && document.activeElement?.classList.contains("trigger")) {
      document.activeElement.blur();
    }
  });
});
