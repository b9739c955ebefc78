// check-html.js -- loaded by tools/check-html.sh into a page that shows the
// rendered book in an iframe of the width being checked (1280 or 390 CSS
// pixels: the iframe is the viewport, so the book's media queries see that
// width). When the book has loaded, nwCheck(frame) checks what a reader
// relies on and appends its findings, one line each, to a <pre> with id
// nw-check-result in the outer page:
//   links     every <a href="#id"> names an element of the page; every other
//             link is a well-formed http(s) or mailto address (the machine
//             that checks may have no network, so they are not fetched)
//   images    every <img> has loaded (naturalWidth > 0); every figure has one
//   overflow  the page does not scroll sideways, and no paragraph, list item,
//             heading, table, figure or code block is wider than the screen
//             or than its own box
//   toc       the table of contents: at 1280 px it stays in view when the
//             page is scrolled to the middle of the book
function nwCheck(frame) {
  var window = frame.contentWindow, document = frame.contentDocument;
  var getComputedStyle = function (e) { return window.getComputedStyle(e); };
  (function run() {
    var r = { width: window.innerWidth, links: 0, external: 0, badLinks: [],
              images: 0, badImages: [], figures: 0, badFigures: [],
              overflow: [], pageScrollWidth: document.documentElement.scrollWidth,
              toc: null, headings: 0 };
    var anchors = document.querySelectorAll("a[href]");
    for (var i = 0; i < anchors.length; i++) {
      var h = anchors[i].getAttribute("href");
      r.links++;
      if (h.charAt(0) === "#") {
        var id = decodeURIComponent(h.slice(1));
        if (id !== "" && !document.getElementById(id)) r.badLinks.push(h);
      } else if (/^(https?:\/\/[^\s\/]+|mailto:)/.test(h)) {
        r.external++;
        try { new URL(h); } catch (e) { r.badLinks.push(h); }
      } else {
        r.badLinks.push(h);
      }
    }
    var imgs = document.images;
    for (i = 0; i < imgs.length; i++) {
      r.images++;
      if (!imgs[i].complete || imgs[i].naturalWidth === 0) r.badImages.push((imgs[i].getAttribute("src") || "").slice(0, 60));
    }
    var figs = document.querySelectorAll("figure");
    for (i = 0; i < figs.length; i++) {
      r.figures++;
      var im = figs[i].querySelector("img");
      if (!im || im.naturalWidth === 0) r.badFigures.push(figs[i].textContent.slice(0, 60));
    }
    var vw = document.documentElement.clientWidth;
    var els = document.querySelectorAll("p, li, h1, h2, h3, h4, table, figure, pre, blockquote, div.compare, nav#TOC");
    for (i = 0; i < els.length; i++) {
      var e = els[i], b = e.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) continue;       // not displayed
      // wider than its own box: cut off if it clips, spilling if it does not
      if (b.right > vw + 1 || b.left < -1 || (e.tagName !== "TABLE" && e.scrollWidth > e.clientWidth + 1)) {
        r.overflow.push(e.tagName.toLowerCase() + ": " + e.textContent.replace(/\s+/g, " ").slice(0, 70)
                        + " (" + Math.round(b.left) + ".." + Math.round(b.right) + " of " + vw + ", scroll " + e.scrollWidth + "/" + e.clientWidth + ")");
      }
    }
    r.headings = document.querySelectorAll("h1[id]").length;
    var toc = document.getElementById("TOC");
    if (toc) {
      window.scrollTo(0, document.documentElement.scrollHeight / 2);
      var t = toc.getBoundingClientRect();
      r.toc = { position: getComputedStyle(toc).position, top: Math.round(t.top), bottom: Math.round(t.bottom),
                inView: t.top < window.innerHeight && t.bottom > 0 && t.width > 0 };
      window.scrollTo(0, 0);
    }
    var lines = [], bad = 0;
    function line(ok, text, items) {
      if (!ok) bad++;
      lines.push((ok ? "ok   " : "FAIL ") + text + (items && items.length ? ": " + items.slice(0, 15).join(" | ") : ""));
    }
    line(true, "viewport " + r.width + " px");
    line(r.badLinks.length === 0, r.links + " links (" + r.external + " to other sites, not fetched), " + r.badLinks.length + " broken", r.badLinks);
    line(r.badImages.length === 0, r.images + " images, " + r.badImages.length + " not loaded", r.badImages);
    line(r.badFigures.length === 0 && r.figures > 0, r.figures + " figures, " + r.badFigures.length + " without a picture", r.badFigures);
    line(r.pageScrollWidth <= vw + 1, "page " + r.pageScrollWidth + " px wide for a " + vw + " px screen");
    line(r.overflow.length === 0, r.overflow.length + " blocks wider than the screen or their box", r.overflow);
    if (r.width >= 1000)
      line(r.toc !== null && r.toc.inView, "table of contents in view when scrolled (" + (r.toc ? r.toc.position : "missing") + ")");
    line(r.headings > 0, r.headings + " chapters with an anchor");
    lines.push(bad ? "RESULT FAIL" : "RESULT ok");
    var out = frame.ownerDocument.createElement("pre");
    out.id = "nw-check-result";
    out.textContent = "\n" + lines.join("\n") + "\n";
    frame.ownerDocument.body.appendChild(out);
  })();
}
