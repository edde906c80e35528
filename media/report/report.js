// The report webview's own script (core's inline script already sorts, filters and announces row
// activation as a `pm-reveal` event). This one talks to the extension through the typed messages
// of src/extension/report/messages.ts: reveal a row's code, export, rescan, and what-if.
// It only ever writes text (textContent), never HTML.
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  var vscode = acquireVsCodeApi();

  document.addEventListener('pm-reveal', function (e) {
    var d = e.detail || {};
    if (!d.file) return;
    vscode.postMessage({ type: 'reveal', file: String(d.file), line: Number(d.line) || 1, column: Number(d.column) || 1 });
  });

  Array.prototype.forEach.call(document.querySelectorAll('[data-export]'), function (b) {
    b.addEventListener('click', function () {
      vscode.postMessage({ type: 'export', format: b.getAttribute('data-export') });
    });
  });

  var rescan = document.getElementById('pm-rescan');
  if (rescan) rescan.addEventListener('click', function () { vscode.postMessage({ type: 'rescan' }); });

  // The filter survives a rescan (the page is re-rendered) through the webview's state.
  var filter = document.getElementById('pm-filter');
  var state = vscode.getState() || {};
  if (filter && state.filter) {
    filter.value = state.filter;
    filter.dispatchEvent(new Event('input'));
  }
  if (filter) filter.addEventListener('input', function () { vscode.setState({ filter: filter.value }); });

  var form = document.getElementById('pm-whatif-form');
  var out = document.getElementById('pm-whatif-result');
  if (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var target;
      try { target = JSON.parse(document.getElementById('pm-whatif-target').value); } catch (err) { return; }
      var model = document.getElementById('pm-whatif-model').value || null;
      vscode.postMessage({
        type: 'whatIf',
        target: target,
        model: model,
        batch: document.getElementById('pm-whatif-batch').checked,
        caching: document.getElementById('pm-whatif-caching').checked,
      });
      if (out) out.textContent = 'Computing…';
    });
  }

  function line(cls, text) {
    var el = document.createElement('div');
    el.className = cls;
    el.textContent = text;
    return el;
  }

  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!m || m.type !== 'whatIfResult' || !out) return;
    out.textContent = '';
    out.appendChild(line('pm-whatif-label pm-muted', m.label));
    if (m.ok) {
      var row = document.createElement('div');
      row.className = 'pm-whatif-numbers';
      row.appendChild(line('pm-before', 'Now ' + m.before));
      row.appendChild(line('pm-after', 'Then ' + m.after));
      row.appendChild(line(m.delta.charAt(0) === '-' ? 'pm-delta pm-down' : 'pm-delta', m.delta + (m.percent ? ' (' + m.percent + ')' : '')));
      out.appendChild(row);
    }
    (m.notes || []).forEach(function (n) { out.appendChild(line('pm-note pm-muted', n)); });
  });
})();
