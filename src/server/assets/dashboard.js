// The dashboard's only script, served from /assets/ (the pages allow no inline or third-party
// script). Every page works without it: it only does in place what links and forms do anyway.
//  - Live update: the server says over /events (server-sent events) when a state changes; the
//    page fetches itself again and swaps the regions marked data-live, keeping focus, and says so
//    in its status line.
//  - Searching a table on submit without reloading (folded like the server: "ha noi" finds
//    "Hà Nội"); typing alone changes nothing (WCAG 3.2.2).
//  - Sorting a table by its column headings without reloading.
'use strict';

(function () {
  var VI = document.documentElement.lang !== 'en';
  var statusLine = document.getElementById('live-status');

  // What the script says comes from the message catalogue, put on the status line by the page
  // (src/server/pages/layout.ts): data-t-NAME holds the text, {{placeholders}} filled here.
  function phrase(name, vars) {
    var template = (statusLine && statusLine.getAttribute('data-t-' + name)) || '';
    return template.replace(/\{\{(\w+)\}\}/g, function (_, key) { return vars && key in vars ? String(vars[key]) : ''; });
  }

  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
  }

  function say(text) {
    if (statusLine) statusLine.textContent = text;
  }

  // ---- searching ---------------------------------------------------------------------------
  function applyFilter(input) {
    var query = fold(input.value);
    var ids = (input.getAttribute('data-filter-for') || '').split(' ');
    var shown = 0;
    ids.forEach(function (id) {
      var table = document.getElementById(id);
      if (!table) return;
      table.querySelectorAll('tbody tr').forEach(function (row) {
        var match = query === '' || (row.getAttribute('data-search') || '').indexOf(query) !== -1;
        row.hidden = !match;
        if (match) shown++;
      });
    });
    var result = document.getElementById('ket-qua-loc');
    if (result) result.textContent = query === '' ? '' : phrase('filtered', { shown: shown });
  }

  // A search form whose other fields are as the page was served filters in place; a changed
  // field (another KPI to rank by) needs the server, so the form is sent as usual.
  document.querySelectorAll('form').forEach(function (form) {
    var input = form.querySelector('input[data-filter-for]');
    if (!input) return;
    var served = {};
    new FormData(form).forEach(function (value, name) { served[name] = String(value); });
    form.addEventListener('submit', function (event) {
      var same = true;
      new FormData(form).forEach(function (value, name) {
        if (name !== input.name && served[name] !== String(value)) same = false;
      });
      if (!same) return;
      var here = new URL(location.href);
      event.preventDefault();
      applyFilter(input);
      if (input.value) here.searchParams.set(input.name, input.value);
      else here.searchParams.delete(input.name);
      history.replaceState(null, '', here.pathname + here.search);
    });
  });

  // ---- sorting -----------------------------------------------------------------------------
  function cellValue(row, index) {
    var cell = row.children[index];
    if (!cell) return '';
    var v = cell.getAttribute('data-value');
    return v === null ? cell.textContent.trim() : v;
  }

  function sortTable(table, link) {
    var th = link.closest('th');
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var collator = new Intl.Collator(VI ? 'vi' : 'en');
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var nx = parseFloat(x), ny = parseFloat(y);
      var both = !isNaN(nx) && !isNaN(ny) && x !== '' && y !== '';
      // Empty (no figure) sorts last either way.
      if (x === '' && y !== '') return 1;
      if (y === '' && x !== '') return -1;
      var c = both ? nx - ny : collator.compare(x, y);
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    th.parentNode.querySelectorAll('th[aria-sort]').forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var url = new URL(link.href, location.href);
    url.searchParams.set('dir', ascending ? 'desc' : 'asc');
    link.href = url.pathname + url.search + url.hash;
    var here = new URL(location.href);
    here.searchParams.set('sort', link.getAttribute('data-sort'));
    here.searchParams.set('dir', ascending ? 'asc' : 'desc');
    history.replaceState(null, '', here.pathname + here.search);
    say(phrase(ascending ? 'sorted-ascending' : 'sorted-descending', { column: link.textContent.trim() }));
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a.sort[data-sort]');
    if (!link) return;
    var table = link.closest('table[data-sortable]');
    if (!table) return;
    event.preventDefault();
    sortTable(table, link);
  });

  // ---- live update -------------------------------------------------------------------------
  if (!document.querySelector('[data-live-page]') || typeof EventSource === 'undefined' || typeof DOMParser === 'undefined') return;
  var busy = false;
  var again = false;

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { headers: { accept: 'text/html' }, credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.text();
    }).then(function (text) {
      var fresh = new DOMParser().parseFromString(text, 'text/html');
      var active = document.activeElement && document.activeElement.id;
      var changed = 0;
      document.querySelectorAll('[data-live][id]').forEach(function (region) {
        var next = fresh.getElementById(region.id);
        if (!next || next.innerHTML === region.innerHTML) return;
        region.replaceWith(document.importNode(next, true));
        changed++;
      });
      if (active && !document.activeElement.id) {
        var back = document.getElementById(active);
        if (back) back.focus();
      }
      document.querySelectorAll('input[data-filter-for]').forEach(function (input) { if (input.value) applyFilter(input); });
      if (changed) say(phrase('updated', { time: new Date().toLocaleTimeString(VI ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }) }));
    }).catch(function () {
      say(phrase('update-failed'));
    }).then(function () {
      busy = false;
      if (again) { again = false; refresh(); }
    });
  }

  var source = new EventSource('/events');
  source.addEventListener('change', refresh);
  window.addEventListener('pagehide', function () { source.close(); });
})();
