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

  /* Numbers and dates in the page's language, as the tables show them: Ukrainian
   * "24 500 000,5" and month names; English "24,500,000.5". */
  var LOCALES = {
    uk: {
      format: { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0грн"] },
      time: {
        dateTime: "%A, %e %B %Y р. %X", date: "%d.%m.%Y", time: "%H:%M:%S",
        periods: ["", ""],
        days: ["неділя", "понеділок", "вівторок", "середа", "четвер", "п’ятниця", "субота"],
        shortDays: ["нд", "пн", "вт", "ср", "чт", "пт", "сб"],
        months: ["січень", "лютий", "березень", "квітень", "травень", "червень", "липень",
                 "серпень", "вересень", "жовтень", "листопад", "грудень"],
        shortMonths: ["січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.",
                      "вер.", "жовт.", "лист.", "груд."]
      }
    },
    en: {
      format: { decimal: ".", thousands: ",", grouping: [3], currency: ["", ""] },
      time: {
        dateTime: "%A %e %B %Y %X", date: "%d/%m/%Y", time: "%H:%M:%S", periods: ["AM", "PM"],
        days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        shortDays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        months: ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"],
        shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                      "Nov", "Dec"]
      }
    }
  };
  /* The chart menu's words (vega-embed's i18n option). */
  var MENU = {
    uk: { CLICK_TO_VIEW_ACTIONS: "Зберегти діаграму", SVG_ACTION: "Зберегти як SVG",
          PNG_ACTION: "Зберегти як PNG" },
    en: { CLICK_TO_VIEW_ACTIONS: "Save the chart", SVG_ACTION: "Save as SVG",
          PNG_ACTION: "Save as PNG" }
  };
  var language = (document.documentElement.getAttribute("lang") || "uk").slice(0, 2);
  var locale = LOCALES[language] || LOCALES.uk;
  var menu = MENU[language] || MENU.uk;

  function pending(root) {
    return (root || document).querySelectorAll(".vega-chart[data-spec]:not([data-rendered])");
  }

  /* On a phone a legend beside the chart would leave the marks no room: below the chart,
   * one entry a line, labels cut only at the chart's width. */
  var NARROW = 560;
  function narrow(spec, width) {
    if (width >= NARROW) { return; }
    spec.config = spec.config || {};
    var legend = spec.config.legend || {};
    legend.orient = "bottom";
    legend.direction = "vertical";
    legend.columns = 1;
    legend.labelLimit = Math.max(120, width - 60);
    spec.config.legend = legend;
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
      narrow(spec, el.clientWidth || window.innerWidth);
      el.setAttribute("data-rendered", "pending");
      var options = {
        renderer: el.getAttribute("data-renderer") || "svg",
        actions: { export: true, source: false, compiled: false, editor: false },
        ast: true,
        expr: window.vegaExpressionInterpreter,
        downloadFileName: el.getAttribute("data-filename") || "chart",
        formatLocale: locale.format,
        timeFormatLocale: locale.time,
        i18n: menu
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
