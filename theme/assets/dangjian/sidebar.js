/* dangjian sidebar: Material scrolls the desktop navigation so that the current page shows;
 * the list then often starts with a line cut in half at its top edge. Move by less than a
 * line (the current page stays in view) so that the list starts with a whole line. */
(function () {
  'use strict';

  var dj = window.dangjian;
  if (!dj) return;

  function tidy() {
    var wrap = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap');
    if (!wrap || !wrap.scrollTop) return;
    var top = wrap.getBoundingClientRect().top;
    var links = wrap.querySelectorAll('.md-nav__link');
    for (var i = 0; i < links.length; i++) {
      var box = links[i].getBoundingClientRect();
      if (box.height && box.top < top - 1 && box.bottom > top + 1) {
        var down = Math.ceil(box.bottom - top);
        var room = wrap.scrollHeight - wrap.clientHeight - wrap.scrollTop;
        // At the end of the list: show the cut line whole instead
        wrap.scrollTop += down <= room ? down : -Math.ceil(top - box.top);
        return;
      }
    }
  }

  // After Material has scrolled the list, which it does once the page has loaded
  window.addEventListener('load', function () { setTimeout(tidy, 100); });
})();
