/* dangjian 大字模式: a header button that sets the size of the reading text to 100%, 125% or
 * 150%, remembered on this device. Loaded in <head> (a file, not an inline script: the CSP
 * forbids those) so the saved size is set on <html> before the first paint: no flash. */
(function () {
  'use strict';

  var dj = window.dangjian = window.dangjian || {};
  var SIZES = [100, 125, 150];
  var NAMES = { 100: '标准', 125: '大', 150: '特大' };
  var KEY = 'textsize';

  /* The saved size, read as dangjian.js's storage writes it (that script is not loaded yet) */
  function saved() {
    try {
      var site = document.querySelector('meta[name="dangjian-site"]');
      var raw = window.localStorage.getItem('dangjian:' + (site ? site.getAttribute('content') : 'dangjian') + ':' + KEY);
      var size = JSON.parse(raw);
      return SIZES.indexOf(size) >= 0 ? size : 100;
    } catch (e) {
      return 100;
    }
  }

  function apply(size) {
    document.documentElement.setAttribute('data-dj-textsize', String(size));
  }

  apply(saved());

  function label(size) {
    var next = SIZES[(SIZES.indexOf(size) + 1) % SIZES.length];
    // Starts with the visible text (大字125%), as speech input users say what they see
    return '大字' + size + '%：文字大小' + NAMES[size] + '，按一下改为' + NAMES[next] + '（' + next + '%）';
  }

  function control() {
    var header = document.querySelector('.md-header__inner');
    if (!header || !dj.el) return;
    var size = saved();
    var state = dj.el('span', { className: 'dj-textsize__state', text: size + '%' });
    var button = dj.el('button', {
      type: 'button', className: 'md-header__button dj-textsize', 'aria-label': label(size), title: label(size)
    }, [dj.el('span', { className: 'dj-textsize__glyph', 'aria-hidden': 'true', text: '大字' }), state]);
    state.setAttribute('aria-hidden', 'true');
    button.addEventListener('click', function () {
      size = SIZES[(SIZES.indexOf(size) + 1) % SIZES.length];
      apply(size);
      if (dj.storage) dj.storage.set(KEY, size);
      state.textContent = size + '%';
      button.setAttribute('aria-label', label(size));
      button.setAttribute('title', label(size));
      document.dispatchEvent(new CustomEvent('dangjian:textsize', { detail: size }));
    });
    header.insertBefore(button, header.querySelector('.dj-search') || header.querySelector('.md-header__source'));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', control);
  else control();
})();
