/* Causal Edge event beacon: counts clicks on calls to action ([data-ce-cta]),
   forms started ([data-ce-form]) and custom events (ce("name")) for the
   experiment this visitor takes part in. First-party, no cookies of its own:
   the browser sends the site's visitor cookie with the batch. Events are
   queued and sent with navigator.sendBeacon when the page is hidden or the
   queue holds 50 (the server's batch limit). Source of record: this file. */
(function (w, d) {
  var q = [], sent = {}, n = navigator;
  function flush() {
    while (q.length) {
      var b = JSON.stringify({ events: q.splice(0, 50) });
      if (!(n.sendBeacon && n.sendBeacon("/api/v1/events", b)) && w.fetch)
        fetch("/api/v1/events", { method: "POST", body: b, keepalive: true, headers: { "Content-Type": "application/json" } });
    }
  }
  function add(type, key, value) {
    var e = { type: type, path: location.pathname, at: Date.now() };
    if (key) e[key] = value;
    q.push(e);
    if (q.length >= 50) flush();
  }
  d.addEventListener("click", function (v) {
    var a = v.target.closest && v.target.closest("[data-ce-cta]");
    if (a) add("cta_click", "block", a.getAttribute("data-ce-cta"));
  }, true);
  function started(v) {
    var f = v.target.closest && v.target.closest("form[data-ce-form]"), id;
    if (f && !sent[id = f.getAttribute("data-ce-form")]) {
      sent[id] = 1;
      add("form_started", "block", id);
    }
  }
  d.addEventListener("input", started, true);
  d.addEventListener("change", started, true);
  d.addEventListener("visibilitychange", function () {
    if (d.visibilityState == "hidden") flush();
  });
  w.addEventListener("pagehide", flush);
  w.ce = function (name) { add("custom", "name", String(name)); };
})(window, document);
