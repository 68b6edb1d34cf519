/* Render every Vega-Lite chart on the page with the vendored vega-embed (no network).
 * A chart is <div class="vega-chart" data-spec="ID"> with its spec in the hidden element
 * with that ID. The Vega libraries (named in this script's data-libraries) are fetched
 * only once a chart is on the page, so pages without charts stay light on a slow link.
 * The expression interpreter keeps charts working under a Content-Security-Policy
 * without 'unsafe-eval'. */
(function () {
  "use strict";
  var me = document.currentScript;
  var libraries = ((me && me.getAttribute("data-libraries")) || "").split(/\s+/).filter(Boolean);
  var loading = null;

  function loadLibraries() {
    if (loading) { return loading; }
    loading = new Promise(function (resolve, reject) {
      var left = libraries.length;
      if (!left) { resolve(); return; }
      libraries.forEach(function (src) {
        var s = document.createElement("script");
        s.src = src;
        s.async = false;  // run in the order given: vega, vega-lite, vega-embed, interpreter
        s.onload = function () { left -= 1; if (left === 0) { resolve(); } };
        s.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(s);
      });
    });
    return loading;
  }

  function pending(root) {
    return (root || document).querySelectorAll(".vega-chart[data-spec]:not([data-rendered])");
  }

  function render(root) {
    var nodes = pending(root);
    if (!nodes.length) { return; }
    if (typeof vegaEmbed === "undefined") {
      loadLibraries().then(function () { render(root); }, function (err) {
        nodes.forEach(function (el) { el.setAttribute("data-rendered", "error"); el.textContent = String(err); });
      });
      return;
    }
    nodes.forEach(function (el) {
      var holder = document.getElementById(el.getAttribute("data-spec"));
      if (!holder) { return; }
      var spec = JSON.parse(holder.textContent);
      el.setAttribute("data-rendered", "pending");
      var options = {
        renderer: el.getAttribute("data-renderer") || "svg",
        actions: { export: true, source: false, compiled: false, editor: false },
        ast: true,
        expr: window.vegaExpressionInterpreter,
        downloadFileName: el.getAttribute("data-filename") || "chart"
      };
      vegaEmbed(el, spec, options).then(function () {
        el.setAttribute("data-rendered", "1");
      }).catch(function (err) {
        el.setAttribute("data-rendered", "error");
        el.textContent = String(err);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSettle", function (evt) { render(evt.target); });
})();
