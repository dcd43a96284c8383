/* dangjian 文件下载: filter the attachment table by category and year. Without JavaScript the
 * whole table shows. Classic script, ES2017. */
(function () {
  'use strict';

  var dj = window.dangjian;

  function select(label, values, onchange) {
    var id = 'dj-filter-' + label;
    var box = dj.el('select', { id: id, onchange: onchange }, [dj.el('option', { value: '', text: '全部' })]);
    values.forEach(function (value) { box.appendChild(dj.el('option', { value: String(value), text: String(value) })); });
    return [dj.el('label', { 'for': id, text: label + ' ' }), box];
  }

  function setup(filter) {
    var parse = function (name) {
      try { return JSON.parse(filter.getAttribute(name) || '[]'); } catch (e) { return []; }
    };
    var table = document.querySelector('table.dj-downloads');
    var status = document.querySelector('.dj-downloads-count');
    if (!table) return;
    var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr'));
    var category = select('类别', parse('data-dj-categories'), apply);
    var year = select('年份', parse('data-dj-years'), apply);
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!category[1].value || row.getAttribute('data-dj-category') === category[1].value) &&
          (!year[1].value || row.getAttribute('data-dj-year') === year[1].value);
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (status) status.textContent = '显示 ' + shown + ' / ' + rows.length + ' 个文件';
    }
    category.concat(year).forEach(function (node) { filter.appendChild(node); });
    apply();
  }

  dj.ready(function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-dj-downloads-filter]'), setup);
  });
})();
