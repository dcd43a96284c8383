/* dangjian study progress: 标记为已学 on each material, progress bars per topic and overall
 * (materials and 学时), kept in localStorage via dangjian.storage, exported and imported
 * as JSON so a member can carry it between browsers. Classic script, ES2017. */
(function () {
  'use strict';

  var dj = window.dangjian;
  var KEY = 'progress';
  var FORMAT = 'dangjian-progress';

  function load() {
    var saved = dj.storage.get(KEY, null);
    return saved && typeof saved.done === 'object' && saved.done ? saved : { done: {} };
  }

  function save(state) {
    dj.storage.set(KEY, state);
  }

  function isDone(state, id) {
    return Object.prototype.hasOwnProperty.call(state.done, id);
  }

  function round(n) {
    return Math.round(n * 100) / 100;
  }

  function renderMark(box, state) {
    var id = box.getAttribute('data-dj-material');
    var done = isDone(state, id);
    box.textContent = '';
    box.appendChild(dj.el('button', {
      type: 'button',
      className: 'md-button' + (done ? ' md-button--primary' : '') + ' dj-mark-button',
      'aria-pressed': done ? 'true' : 'false',
      text: done ? '已学 ✓（再点一次取消）' : '标记为已学',
      onclick: function () {
        var next = load();
        if (isDone(next, id)) delete next.done[id];
        else next.done[id] = dj.today();
        save(next);
        render();
      }
    }));
    if (!dj.storage.persistent) {
      box.appendChild(dj.el('span', { className: 'dj-fact', text: '（浏览器禁止本地存储，关闭页面后进度不会保留）' }));
    }
  }

  function renderBar(box, state) {
    var items;
    try { items = JSON.parse(box.getAttribute('data-dj-progress') || '[]'); } catch (e) { items = []; }
    var total = items.length;
    var hours = 0;
    var doneCount = 0;
    var doneHours = 0;
    items.forEach(function (item) {
      hours += Number(item[1]) || 0;
      if (isDone(state, item[0])) {
        doneCount += 1;
        doneHours += Number(item[1]) || 0;
      }
    });
    var label = box.getAttribute('data-dj-label') || '学习进度';
    var text = label + '：已学 ' + doneCount + '/' + total + ' 篇，' +
      round(doneHours) + '/' + round(hours) + ' 学时';
    box.textContent = '';
    box.appendChild(dj.el('div', { className: 'dj-progress-text', text: text }));
    box.appendChild(dj.el('progress', {
      className: 'dj-progress-bar',
      max: String(total || 1),
      value: String(doneCount),
      'aria-label': text
    }));
    box.setAttribute('data-dj-done', String(doneCount));
  }

  function renderItem(item, state) {
    var done = isDone(state, item.getAttribute('data-dj-material'));
    item.classList.toggle('dj-done', done);
    var flag = item.querySelector('.dj-badge--done');
    if (done && !flag) {
      var facts = item.querySelector('.dj-facts') || item;
      facts.insertBefore(dj.el('span', { className: 'dj-badge dj-badge--done', text: '已学' }), facts.firstChild);
    } else if (!done && flag) {
      flag.remove();
    }
  }

  function renderTools(box) {
    var status = dj.el('span', { className: 'dj-fact', role: 'status' });
    box.textContent = '';
    box.appendChild(dj.el('button', {
      type: 'button',
      className: 'md-button',
      text: '导出学习进度',
      onclick: function () {
        var state = load();
        dj.downloadJSON('学习进度-' + dj.today() + '.json', {
          format: FORMAT, version: 1, site: dj.site, exported: dj.today(), done: state.done
        });
      }
    }));
    box.appendChild(dj.el('button', {
      type: 'button',
      className: 'md-button',
      text: '导入学习进度',
      onclick: function () {
        dj.pickJSON(function (data) {
          status.textContent = dj.progress.importData(data);
        });
      }
    }));
    box.appendChild(status);
  }

  function render() {
    var state = load();
    var each = function (selector, fn) {
      Array.prototype.forEach.call(document.querySelectorAll(selector), function (node) { fn(node, state); });
    };
    each('.dj-mark[data-dj-material]', renderMark);
    each('.dj-material-item[data-dj-material]', renderItem);
    each('.dj-progress[data-dj-progress]', renderBar);
  }

  dj.progress = {
    render: render,
    /* Merge an exported file into the saved progress; returns a message for the member. */
    importData: function (data) {
      if (data instanceof Error) return data.message;
      if (!data || data.format !== FORMAT || typeof data.done !== 'object' || !data.done) {
        return '这不是本站导出的学习进度文件';
      }
      var state = load();
      var added = 0;
      Object.keys(data.done).forEach(function (id) {
        if (typeof id === 'string' && !isDone(state, id)) {
          state.done[id] = String(data.done[id]).slice(0, 10);
          added += 1;
        }
      });
      save(state);
      render();
      return '已导入，新增 ' + added + ' 篇已学资料';
    }
  };

  dj.ready(function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-dj-progress-tools]'), renderTools);
    render();
  });
})();
