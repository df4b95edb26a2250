// The library's reader (/library/<id>/read/): PDF with pdf.js into a canvas of this page, EPUB with
// epub.js, audio and video with the browser's players, image sets as a gallery. It remembers the
// position of each resource in localStorage (page, EPUB CFI, media time, picture) and goes back to it.
// Every word it shows comes from data- attributes of #reader, written in the page's language.
(function () {
  "use strict";
  var root = document.getElementById("reader");
  if (!root) {
    return;
  }
  var data = root.dataset;
  var statusBox = root.querySelector("[data-status]");
  var toolbar = root.querySelector(".reader-toolbar");

  // --- small helpers ----------------------------------------------------------------------
  function label(name, page, pages) {
    return (data["label" + name] || "").replace("{page}", page).replace("{pages}", pages);
  }

  function say(text) {
    if (statusBox) {
      statusBox.textContent = text;
    }
  }

  function loadPosition() {
    try {
      return JSON.parse(window.localStorage.getItem(data.positionKey) || "null");
    } catch (error) {
      return null; // storage refused (private mode) or unreadable: start at the beginning
    }
  }

  function savePosition(position) {
    try {
      window.localStorage.setItem(data.positionKey, JSON.stringify(position));
    } catch (error) {
      /* storage full or refused: the reader still works, it just will not remember */
    }
  }

  function on(action, handler) {
    var button = root.querySelector('[data-action="' + action + '"]');
    if (button) {
      button.addEventListener("click", handler);
    }
  }

  // ←/→ and Page Up/Page Down turn pages, unless the person is typing or using a player's controls.
  function turnPagesWithKeys(previous, next, extra) {
    return function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var target = event.target;
      var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
      if (tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable)) {
        return;
      }
      if (event.key === "ArrowLeft" || event.key === "PageUp") {
        event.preventDefault();
        previous();
      } else if (event.key === "ArrowRight" || event.key === "PageDown") {
        event.preventDefault();
        next();
      } else if (extra) {
        extra(event);
      }
    };
  }

  function showToolbar() {
    if (toolbar) {
      toolbar.hidden = false;
    }
  }

  function failed(error) {
    say(data.labelFailed);
    root.classList.add("reader-failed");
    if (window.console && error) {
      window.console.error(error);
    }
  }

  // --- PDF (pdf.js) -----------------------------------------------------------------------
  function startPdf() {
    var pageBox = root.querySelector("[data-pdf-page]");
    var canvas = root.querySelector("[data-canvas]");
    var textLayerBox = root.querySelector("[data-text-layer]");
    var view = root.querySelector("[data-view]");
    var pageInput = root.querySelector("[data-page-input]");
    var pageCount = root.querySelector("[data-page-count]");
    var zoomOutput = root.querySelector("[data-zoom]");
    var pdfjs = null;
    var pdf = null;
    var pageNumber = 1;
    var zoom = null; // null: fit the page to the width of the view
    var rendering = null;
    var pending = false;
    var textLayer = null;

    function fitScale(page) {
      var width = page.getViewport({ scale: 1 }).width;
      var available = Math.max(view.clientWidth - 4, 200);
      return Math.min(available / width, 2);
    }

    function render() {
      if (!pdf) {
        return;
      }
      if (rendering) {
        pending = true;
        rendering.cancel();
        return;
      }
      var number = pageNumber;
      pdf.getPage(number).then(function (page) {
        var scale = zoom === null ? fitScale(page) : zoom;
        var viewport = page.getViewport({ scale: scale });
        var ratio = window.devicePixelRatio || 1;
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        canvas.style.width = Math.floor(viewport.width) + "px";
        canvas.style.height = Math.floor(viewport.height) + "px";
        pageBox.style.setProperty("--total-scale-factor", String(scale));
        pageBox.style.width = Math.floor(viewport.width) + "px";
        pageBox.style.height = Math.floor(viewport.height) + "px";
        rendering = page.render({
          canvas: canvas,
          viewport: viewport,
          transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null
        });
        if (textLayer) {
          textLayer.cancel();
        }
        textLayerBox.replaceChildren();
        textLayer = new pdfjs.TextLayer({
          textContentSource: page.streamTextContent(),
          container: textLayerBox,
          viewport: viewport
        });
        textLayer.render().catch(function () { /* a page without text, or cancelled by the next page */ });
        return rendering.promise.then(
          function () {
            rendering = null;
            zoomOutput.textContent = Math.round(scale * 100) + "%";
            say(label("Page", number, pdf.numPages));
            if (pending) {
              pending = false;
              render();
            }
          },
          function (error) {
            rendering = null;
            if (pending) {
              pending = false;
              render();
            } else if (!error || error.name !== "RenderingCancelledException") {
              failed(error);
            }
          }
        );
      }, failed);
    }

    function goTo(number) {
      if (!pdf) {
        return;
      }
      var page = Math.min(Math.max(parseInt(number, 10) || 1, 1), pdf.numPages);
      pageNumber = page;
      pageInput.value = String(page);
      savePosition({ page: page });
      render();
    }

    function previous() {
      goTo(pageNumber - 1);
    }

    function next() {
      goTo(pageNumber + 1);
    }

    function setZoom(factor) {
      var current = zoom === null ? parseFloat(zoomOutput.textContent) / 100 || 1 : zoom;
      zoom = Math.min(Math.max(current * factor, 0.25), 5);
      render();
    }

    on("previous", previous);
    on("next", next);
    on("zoom-in", function () { setZoom(1.25); });
    on("zoom-out", function () { setZoom(0.8); });
    on("fit", function () {
      zoom = null;
      render();
    });
    pageInput.addEventListener("change", function () { goTo(pageInput.value); });
    pageInput.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        goTo(pageInput.value);
      }
    });
    document.addEventListener(
      "keydown",
      turnPagesWithKeys(previous, next, function (event) {
        if (event.key === "+" || event.key === "=") {
          event.preventDefault();
          setZoom(1.25);
        } else if (event.key === "-") {
          event.preventDefault();
          setZoom(0.8);
        }
      })
    );
    var resized = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(resized);
      resized = window.setTimeout(function () {
        if (zoom === null) {
          render();
        }
      }, 200);
    });

    say(data.labelLoading);
    import(data.pdfjsUrl)
      .then(function (module) {
        pdfjs = module;
        pdfjs.GlobalWorkerOptions.workerSrc = data.pdfjsWorkerUrl;
        return pdfjs.getDocument({
          url: data.fileUrl,
          cMapUrl: data.pdfjsCmapsUrl,
          cMapPacked: true,
          standardFontDataUrl: data.pdfjsFontsUrl,
          wasmUrl: data.pdfjsWasmUrl,
          iccUrl: data.pdfjsIccsUrl,
          isEvalSupported: false, // the page's CSP allows no eval; pdf.js draws fonts without it
          enableXfa: false
        }).promise;
      })
      .then(function (document_) {
        pdf = document_;
        pageInput.max = String(pdf.numPages);
        pageCount.textContent = "/ " + pdf.numPages;
        var saved = loadPosition();
        var start = saved && saved.page ? Math.min(Math.max(saved.page, 1), pdf.numPages) : 1;
        showToolbar();
        goTo(start);
        if (start > 1) {
          say(data.labelResumed);
        }
      })
      .catch(failed);
  }

  // --- EPUB (epub.js) ---------------------------------------------------------------------
  function startEpub() {
    var view = root.querySelector("[data-view]");
    if (!window.ePub || !window.fetch) {
      failed(new Error("epub.js is not loaded"));
      return;
    }
    var rendition = null;
    var book = null;

    function previous() {
      if (rendition) {
        rendition.prev();
      }
    }

    function next() {
      if (rendition) {
        rendition.next();
      }
    }

    var keys = turnPagesWithKeys(previous, next);
    on("previous", previous);
    on("next", next);
    document.addEventListener("keydown", keys);

    say(data.labelLoading);
    // The file's URL has no .epub ending, so epub.js could not tell it is a packed book: give it the bytes.
    fetch(data.fileUrl, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.arrayBuffer();
      })
      .then(function (buffer) {
        book = window.ePub(buffer);
        rendition = book.renderTo(view, { width: "100%", height: "100%", spread: "none", flow: "paginated" });
        // Keys pressed while the focus is inside the chapter's frame reach the page through epub.js.
        rendition.on("keydown", keys);
        rendition.on("relocated", function (location) {
          savePosition({ cfi: location.start.cfi });
          say(label("Section", location.start.index + 1, book.spine.length));
        });
        var saved = loadPosition();
        return book.ready.then(function () {
          showToolbar();
          return rendition.display(saved && saved.cfi ? saved.cfi : undefined).catch(function () {
            return rendition.display(); // the saved place is not in this edition any more
          });
        });
      })
      .catch(failed);
  }

  // --- audio and video --------------------------------------------------------------------
  function startMedia() {
    var media = root.querySelector("[data-media]");
    if (!media) {
      return;
    }
    var saved = loadPosition();
    var lastSaved = 0;
    media.addEventListener("loadedmetadata", function () {
      if (saved && saved.time > 0 && (!media.duration || saved.time < media.duration - 1)) {
        media.currentTime = saved.time;
      }
    });
    function remember() {
      savePosition({ time: Math.floor(media.currentTime) });
    }
    media.addEventListener("timeupdate", function () {
      if (Math.abs(media.currentTime - lastSaved) >= 5) {
        lastSaved = media.currentTime;
        remember();
      }
    });
    media.addEventListener("pause", remember);
    media.addEventListener("ended", function () { savePosition({ time: 0 }); });
  }

  // --- image sets -------------------------------------------------------------------------
  function startGallery() {
    var pictures = Array.prototype.slice.call(root.querySelectorAll("[data-picture]"));
    if (pictures.length === 0) {
      return;
    }
    var current = 0;
    root.classList.add("gallery-one-at-a-time");

    function show(index) {
      current = Math.min(Math.max(index, 0), pictures.length - 1);
      pictures.forEach(function (picture, position) {
        picture.hidden = position !== current;
      });
      savePosition({ picture: current });
      say(label("Picture", current + 1, pictures.length));
    }

    function previous() {
      show(current - 1);
    }

    function next() {
      show(current + 1);
    }

    on("previous", previous);
    on("next", next);
    document.addEventListener("keydown", turnPagesWithKeys(previous, next));
    showToolbar();
    var saved = loadPosition();
    show(saved && saved.picture ? saved.picture : 0);
  }

  var players = { pdf: startPdf, epub: startEpub, audio: startMedia, video: startMedia, images: startGallery };
  var start = players[data.player];
  if (start) {
    start();
  }
})();
