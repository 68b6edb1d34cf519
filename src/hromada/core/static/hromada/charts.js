/* Render every Vega-Lite chart on the page with the vendored vega-embed (no network).
 * A chart is <div class="vega-chart" data-spec="ID"> with its spec in
 * <script type="application/json" id="ID">. The expression interpreter keeps charts working
 * under a Content-Security-Policy without 'unsafe-eval'. */
(function () {
  "use strict";
  function render(root) {
    var nodes = (root || document).querySelectorAll(".vega-chart[data-spec]:not([data-rendered])");
    nodes.forEach(function (el) {
      var holder = document.getElementById(el.getAttribute("data-spec"));
      if (!holder || typeof vegaEmbed === "undefined") { return; }
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
