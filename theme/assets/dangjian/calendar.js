/* dangjian organisational-life calendar: what is past and what is coming by the reader's
 * clock (the build date may be months old): past events leave the 近期安排 lists, event
 * pages say 已结束, today's calendar cell is marked. Classic script, ES2017. */
(function () {
  'use strict';

  var dj = window.dangjian;

  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }

  function render() {
    var today = dj.today();
    // Upcoming lists (组织生活 and the home page): drop what is already over
    all('[data-dj-upcoming]').forEach(function (list) {
      var left = 0;
      Array.prototype.forEach.call(list.querySelectorAll('[data-dj-event-date]'), function (item) {
        var over = item.getAttribute('data-dj-event-date') < today;
        item.hidden = over;
        if (!over) left += 1;
      });
      var none = list.parentNode.querySelector('.dj-none');
      if (none) none.hidden = left > 0;
    });
    all('.dj-event-facts[data-dj-event-date]').forEach(function (facts) {
      var flag = facts.querySelector('.dj-event-over');
      if (flag) flag.hidden = facts.getAttribute('data-dj-event-date') >= today;
    });
    all('.dj-calendar td[data-dj-date]').forEach(function (cell) {
      var isToday = cell.getAttribute('data-dj-date') === today;
      cell.classList.toggle('dj-today', isToday);
      if (isToday) cell.setAttribute('aria-current', 'date');
      else cell.removeAttribute('aria-current');
    });
  }

  dj.ready(render);
})();
