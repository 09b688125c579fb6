/* "New since your last visit" on the control overview: a resolution whose newest
   letter was issued after the reader's last visit to this overview gets a mark.
   The last visit is kept in this browser (localStorage), so reading never writes
   to the database. */
(function () {
  "use strict";
  var table = document.getElementById("bk-overview");
  var status = document.getElementById("bk-new-since");
  if (!table || !window.localStorage) {
    return;
  }
  var key = "bk-last-visit:" + window.location.pathname;
  var last = Date.parse(window.localStorage.getItem(key) || "");
  var count = 0;
  if (!isNaN(last)) {
    table.querySelectorAll("tr[data-bk-issued]").forEach(function (row) {
      var issued = Date.parse(row.getAttribute("data-bk-issued"));
      if (!isNaN(issued) && issued > last) {
        var mark = document.createElement("span");
        mark.className = "badge bk-new-mark ms-1";
        mark.textContent = table.getAttribute("data-bk-new-label");
        row.querySelector("td").appendChild(mark);
        count += 1;
      }
    });
  }
  if (status && count) {
    status.textContent = status.getAttribute("data-bk-template").replace(
      "{count}",
      String(count)
    );
    status.hidden = false;
  }
  window.localStorage.setItem(key, new Date().toISOString());
})();
