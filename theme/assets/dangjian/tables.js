/* dangjian wide tables: on a narrow screen a table wider than the text scrolls sideways;
 * a line above it says so, because a cut-off column gives no sign that more is there. */
(function () {
  'use strict';

  var dj = window.dangjian;
  if (!dj) return;

  /* The scrolling box around each table: Material's wrapper, or the table's parent */
  function boxes() {
    var tables = document.querySelectorAll('.md-typeset table:not(.dj-quiz__progress-table)');
    return Array.prototype.map.call(tables, function (table) {
      return table.closest('.md-typeset__scrollwrap') || table.parentNode;
    });
  }

  function mark() {
    boxes().forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains('dj-table-hint')) {
        if (!wide) return;
        hint = dj.el('p', { className: 'dj-table-hint', text: '表格较宽，可左右滑动查看 →' });
        box.parentNode.insertBefore(hint, box);
      }
      hint.hidden = !wide;
      box.classList.toggle('dj-table-wide', wide);
    });
  }

  var timer = null;
  function later() {
    clearTimeout(timer);
    timer = setTimeout(mark, 100);
  }

  dj.ready(mark);
  window.addEventListener('load', mark);
  window.addEventListener('resize', later);
  // 大字模式 changes the width of every table
  document.addEventListener('dangjian:textsize', mark);
})();
