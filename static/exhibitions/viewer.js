/* Deep zoom on an exhibition item's page: OpenSeadragon over the image's static IIIF level-0 tiles.
 *
 * The page works without this script: it shows the plain responsive image and the description. When
 * OpenSeadragon opens the tiles, the plain image gives way to the zoomable one and the zoom buttons
 * (real buttons, so the keyboard reaches them) appear; if the tiles cannot be opened, nothing changes.
 * Pinch, scroll and drag zoom and pan; with the image focused, + and − zoom, the arrows move, 0 resets.
 */
(function () {
  "use strict";

  function start() {
    var figure = document.getElementById("deep-zoom");
    if (!figure || !figure.dataset.infoUrl || typeof window.OpenSeadragon === "undefined") {
      return;
    }
    var controls = document.getElementById("zoom-controls");
    var help = document.getElementById("zoom-help");
    var stage = document.createElement("div");
    stage.className = "deep-zoom-stage";
    figure.insertBefore(stage, figure.firstChild);

    var viewer = window.OpenSeadragon({
      element: stage,
      prefixUrl: figure.dataset.prefixUrl,
      tileSources: figure.dataset.infoUrl,
      showNavigationControl: false,
      showNavigator: true,
      navigatorPosition: "BOTTOM_RIGHT",
      visibilityRatio: 0.8,
      constrainDuringPan: true,
      gestureSettingsTouch: { pinchToZoom: true, flickEnabled: true, clickToZoom: false, dblClickToZoom: true },
      gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true, scrollToZoom: true }
    });

    viewer.addHandler("open", function () {
      figure.classList.add("is-zoomable");
      viewer.canvas.setAttribute("role", "img");
      viewer.canvas.setAttribute("aria-label", figure.dataset.label || "");
      if (controls) {
        controls.hidden = false;
      }
      if (help) {
        help.hidden = false;
      }
    });
    viewer.addHandler("open-failed", function () {
      viewer.destroy();
      stage.remove();
      figure.classList.remove("is-zoomable");
    });

    if (controls) {
      controls.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-zoom]");
        if (!button || !viewer.viewport) {
          return;
        }
        var action = button.dataset.zoom;
        if (action === "in") {
          viewer.viewport.zoomBy(1.6);
        } else if (action === "out") {
          viewer.viewport.zoomBy(1 / 1.6);
        } else if (action === "home") {
          viewer.viewport.goHome();
        } else if (action === "full") {
          viewer.setFullScreen(!viewer.isFullPage());
        }
        viewer.viewport.applyConstraints();
      });
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && viewer.isFullPage()) {
        viewer.setFullScreen(false);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
