// communique: small conveniences; every page works without this file.
"use strict";
document.addEventListener("keydown", (event) => {
  // Escape hides the coding tooltip of the focused trigger (WCAG 1.4.13: dismissible).
  if (event.key === "Escape" && document.activeElement?.classList.contains("trigger")) {
    document.activeElement.blur();
  }
});
