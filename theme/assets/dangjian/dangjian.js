/* dangjian shared runtime: the one global namespace, storage with a fallback, small DOM helpers.
 * Classic script, ES2017, no dependencies: it must run from file:// and in old browsers. */
(function () {
  'use strict';

  var dj = window.dangjian = window.dangjian || {};

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute('content') : '';
  }

  /* Relative path from this page to the site root, e.g. "../.." or "." */
  dj.root = meta('dangjian-root') || '.';
  dj.site = meta('dangjian-site') || 'dangjian';

  /* URL of a file in the built site, relative to the current page */
  dj.url = function (path) {
    return dj.root.replace(/\/$/, '') + '/' + String(path).replace(/^\//, '');
  };

  /* Storage: localStorage when it works (it may be disabled, full or private), else memory.
   * Keys are prefixed with the site name: every site opened from file:// shares one origin. */
  var memory = {};
  var persistent = (function () {
    try {
      var probe = '__dangjian_probe__';
      window.localStorage.setItem(probe, '1');
      window.localStorage.removeItem(probe);
      return true;
    } catch (e) {
      return false;
    }
  })();

  function fullKey(key) { return 'dangjian:' + dj.site + ':' + key; }

  dj.storage = {
    persistent: persistent,
    get: function (key, fallback) {
      var raw = null;
      if (persistent) {
        try { raw = window.localStorage.getItem(fullKey(key)); } catch (e) { raw = null; }
      } else if (Object.prototype.hasOwnProperty.call(memory, key)) {
        raw = memory[key];
      }
      if (raw === null || raw === undefined) return fallback;
      try { return JSON.parse(raw); } catch (e) { return fallback; }
    },
    set: function (key, value) {
      var raw = JSON.stringify(value);
      if (persistent) {
        try { window.localStorage.setItem(fullKey(key), raw); return true; } catch (e) { /* full */ }
      }
      memory[key] = raw;
      return false;
    },
    remove: function (key) {
      delete memory[key];
      if (persistent) {
        try { window.localStorage.removeItem(fullKey(key)); } catch (e) { /* ignore */ }
      }
    }
  };

  /* Build an element: el('p', {className: 'dj-x', text: '…'}, [children]). Never parses HTML. */
  dj.el = function (tag, props, children) {
    var node = document.createElement(tag);
    var key;
    props = props || {};
    for (key in props) {
      if (!Object.prototype.hasOwnProperty.call(props, key)) continue;
      var value = props[key];
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'className') node.className = value;
      else if (key.indexOf('on') === 0 && typeof value === 'function') {
        node.addEventListener(key.slice(2), value);
      } else node.setAttribute(key, value === true ? '' : value);
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  };

  /* Save `data` as a JSON file the member downloads (works from file:// too). */
  dj.downloadJSON = function (filename, data) {
    var blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    var link = dj.el('a', { href: URL.createObjectURL(blob), download: filename });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 0);
  };

  /* Ask the member for a JSON file; calls back with the parsed value or an Error. */
  dj.pickJSON = function (callback) {
    var input = dj.el('input', { type: 'file', accept: '.json,application/json', hidden: true });
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      input.remove();
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        try { callback(JSON.parse(String(reader.result))); } catch (e) { callback(new Error('文件不是有效的 JSON')); }
      };
      reader.onerror = function () { callback(new Error('无法读取文件')); };
      reader.readAsText(file, 'utf-8');
    });
    document.body.appendChild(input);
    input.click();
  };

  /* Load a classic script once (data shards, question banks): file:// allows this, not fetch. */
  var loading = {};
  dj.loadScript = function (path) {
    if (loading[path]) return loading[path];
    loading[path] = new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = dj.url(path);
      script.async = true;
      script.onload = function () { resolve(); };
      script.onerror = function () {
        delete loading[path];
        reject(new Error('无法加载 ' + path));
      };
      document.head.appendChild(script);
    });
    return loading[path];
  };

  /* Run `fn` once the DOM is ready. */
  dj.ready = function (fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
    else fn();
  };

  /* Today in the reader's time zone as YYYY-MM-DD; tests may override dj.now. */
  dj.now = function () { return new Date(); };
  dj.today = function () {
    var d = dj.now();
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  };
})();
