// Overseer Dashboard: the little script the pages need. No inline script anywhere (the CSP forbids it).
(function () {
  "use strict";

  // "Select all" checkboxes tick every task checkbox of their form.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.hasAttribute("data-select-all")) {
      return;
    }
    box.form.querySelectorAll('input[name="ids"]').forEach(function (item) {
      item.checked = box.checked;
    });
  });

  // Log tail: server-sent events append text (as text nodes, never HTML) while the task runs.
  function follow(pre) {
    var url = pre.getAttribute("data-log-stream");
    if (!url || pre.dataset.following) {
      return;
    }
    pre.dataset.following = "1";
    var status = pre.closest("section").querySelector("[data-log-status]");
    var base = url.split("?")[0];
    var received = Number(new URLSearchParams(url.split("?")[1] || "").get("offset") || 0);
    var source;

    function atBottom() {
      return pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24;
    }
    function show(text, replace) {
      var stick = atBottom();
      if (replace) {
        pre.textContent = text;
        received = text.length;
      } else if (text.length > 0) {
        pre.appendChild(document.createTextNode(text));
        received += text.length;
      }
      if (stick) {
        pre.scrollTop = pre.scrollHeight;
      }
    }
    function open() {
      source = new EventSource(base + "?offset=" + received);
      source.addEventListener("append", function (e) { show(JSON.parse(e.data), false); });
      source.addEventListener("reset", function (e) { show(JSON.parse(e.data), true); });
      source.addEventListener("end", function (e) {
        source.close();
        if (status) {
          status.textContent = "ended: " + JSON.parse(e.data);
        }
        pre.removeAttribute("data-log-stream");
      });
      source.onerror = function () {
        // Reconnect from what was received, not from the page's original offset.
        source.close();
        if (pre.hasAttribute("data-log-stream")) {
          setTimeout(open, 2000);
        }
      };
    }
    if (status) {
      status.textContent = "live";
    }
    open();
  }

  function start(root) {
    root.querySelectorAll("pre[data-log-stream]").forEach(follow);
  }

  document.addEventListener("DOMContentLoaded", function () { start(document); });
  document.addEventListener("htmx:afterSwap", function (e) { start(e.target); });
})();
