/* dangjian notices: 「新」 and 已过期 badges from the reader's clock (dangjian.today()).
 * The page may be opened from a zip long after the build, so the build's view of
 * "today" is corrected here; expired notices leave the main list for the archive.
 * Classic script, ES2017. */
(function () {
  'use strict';

  var dj = window.dangjian;
  var NEW_DAYS = 7;
  var DAY = 24 * 60 * 60 * 1000;

  function dayNumber(iso) {
    var parts = String(iso).split('-');
    if (parts.length !== 3) return NaN;
    return Date.UTC(+parts[0], +parts[1] - 1, +parts[2]) / DAY;
  }

  function badge(kind, text) {
    return dj.el('span', { className: 'dj-badge dj-badge--' + kind, text: text });
  }

  function update(box, today) {
    var date = box.getAttribute('data-dj-date');
    var expires = box.getAttribute('data-dj-expires');
    var age = today - dayNumber(date);
    var expired = !!expires && dayNumber(expires) < today;
    if (age >= 0 && age < NEW_DAYS && !expired && !box.querySelector('.dj-badge--new')) {
      box.appendChild(badge('new', '新'));
    }
    if (expired && !box.querySelector('.dj-badge--expired')) {
      box.appendChild(badge('expired', '已过期'));
    }
    return expired;
  }

  dj.notices = {
    /* Recompute every badge on the page; dangjian.now may be replaced before calling. */
    refresh: function () {
      var today = dayNumber(dj.today());
      var note = document.querySelector('.dj-expired-note');
      var hidden = 0;
      Array.prototype.forEach.call(document.querySelectorAll('.dj-badges[data-dj-date]'), function (box) {
        var expired = update(box, today);
        var item = box.closest('.dj-notice-item');
        if (!expired || !item) return;
        item.classList.add('dj-notice-item--expired');
        // Main list and home page: an expired notice now belongs to the archive
        if (note || item.closest('.dj-home')) {
          item.hidden = true;
          hidden += 1;
        }
      });
      if (note && hidden) note.hidden = false;
    }
  };

  dj.ready(dj.notices.refresh);
})();
