/* dangjian search box: live results in Material's header, keyboard first (/ or s focuses,
 * arrows move, Enter opens, Esc closes). Uses dangjian.search from the engine (search-*.js).
 * Builds every node with dangjian.el: page text is never parsed as HTML. */
(function () {
  'use strict';

  var dj = window.dangjian;
  if (!dj || !dj.search) return;
  var DELAY = 80;
  var PAGE = 10; // results per page of the list; 显示更多结果 adds as many again

  /* Text with <mark> around the given [start, end) ranges */
  function marked(text, ranges, from, to) {
    from = from || 0;
    to = to === undefined ? text.length : to;
    var sorted = ranges.filter(function (r) { return r[1] > from && r[0] < to; })
      .sort(function (a, b) { return a[0] - b[0]; });
    var nodes = [];
    var at = from;
    sorted.forEach(function (r) {
      var start = Math.max(r[0], at);
      var end = Math.min(r[1], to);
      if (end <= start) return;
      if (start > at) nodes.push(text.slice(at, start));
      nodes.push(dj.el('mark', { text: text.slice(start, end) }));
      at = end;
    });
    if (at < to) nodes.push(text.slice(at, to));
    return nodes;
  }

  function hitsIn(text, result, parsed) {
    var hits = [];
    parsed.groups.forEach(function (g) {
      var loose = result.partly ? dj.search.looseFor(g, 'partial') : result.loose;
      hits = hits.concat(dj.search.phraseHits(text, g, loose));
    });
    return hits;
  }

  /* A window of the section text around the first match */
  function snippet(result) {
    var text = result.text || '';
    var hits = result.hits.slice().sort(function (a, b) { return a[0] - b[0]; });
    var start = hits.length ? Math.max(0, hits[0][0] - 24) : 0;
    var end = Math.min(text.length, start + 120);
    if (end - start < 120) start = Math.max(0, end - 120);
    var nodes = marked(text, hits, start, end);
    if (start > 0) nodes.unshift('…');
    if (end < text.length) nodes.push('…');
    return nodes;
  }

  function Box(root) {
    this.root = root;
    this.input = root.querySelector('.dj-search__input');
    this.output = root.querySelector('.dj-search__output');
    this.meta = root.querySelector('.dj-search__meta');
    this.list = root.querySelector('.dj-search__list');
    this.clear = root.querySelector('.dj-search__clear');
    this.more = root.querySelector('.dj-search__more');
    // When no page holds the whole query: 「您是不是要找」 (and the topics, when nothing at all
    // was found) above the list, filled by suggest()
    this.suggestions = dj.el('div', { className: 'dj-search__suggest', hidden: true });
    this.output.insertBefore(this.suggestions, this.list);
    this.limit = PAGE;
    this.active = -1;
    this.sequence = 0;
    this.timer = null;
    this.bind();
  }

  Box.prototype.bind = function () {
    var box = this;
    root(this, '.dj-search__open').addEventListener('click', function () { box.open(); });
    root(this, '.dj-search__back').addEventListener('click', function () { box.close(); });
    this.clear.addEventListener('click', function () {
      box.input.value = '';
      box.update();
      box.input.focus();
    });
    this.input.addEventListener('focus', function () {
      dj.search.load().catch(function () { /* shown on the first query */ });
      if (box.input.value.trim()) box.show(true);
    });
    this.input.addEventListener('input', function (event) {
      // While an input method composes, the box holds pinyin, not the query: wait for the commit
      if (event.isComposing) return;
      box.typed();
    });
    this.input.addEventListener('compositionend', function () { box.typed(); });
    this.input.addEventListener('keydown', function (event) { box.key(event); });
    this.more.addEventListener('click', function () { box.showMore(); });
    document.addEventListener('keydown', function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (event.key !== '/' && event.key !== 's' && event.key !== 'S') return;
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      box.open();
    });
    document.addEventListener('click', function (event) {
      if (!box.root.contains(event.target)) box.show(false);
    });
  };

  /* A new query was typed or committed: search at once, unless the member is typing fast
   * (then wait for a pause of DELAY ms, fetching the query's shards in the meantime) */
  Box.prototype.typed = function () {
    var box = this;
    var now = Date.now();
    var burst = now - (this.lastTyped || 0) < DELAY;
    this.lastTyped = now;
    clearTimeout(this.timer);
    if (!burst) {
      this.update();
      return;
    }
    if (this.input.value.trim()) dj.search.prefetch(this.input.value).catch(function () { /* shown by the query */ });
    this.busy(true);
    this.timer = setTimeout(function () { box.update(); }, DELAY);
  };

  /* aria-busy on the list: a newer query's results are on their way (screen readers wait) */
  Box.prototype.busy = function (on) {
    this.list.setAttribute('aria-busy', on ? 'true' : 'false');
  };

  function root(box, selector) { return box.root.querySelector(selector); }

  Box.prototype.open = function () {
    this.root.classList.add('dj-search--open');
    this.input.focus();
    this.input.select();
  };

  Box.prototype.close = function () {
    this.show(false);
    this.root.classList.remove('dj-search--open');
    this.input.blur();
  };

  Box.prototype.show = function (visible) {
    this.output.hidden = !visible;
    this.input.setAttribute('aria-expanded', visible ? 'true' : 'false');
  };

  Box.prototype.key = function (event) {
    var items = this.list.querySelectorAll('.dj-search__result');
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!items.length) return;
      event.preventDefault();
      var step = event.key === 'ArrowDown' ? 1 : -1;
      this.select((this.active + step + items.length) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      clearTimeout(this.timer);
      var box = this;
      var go = function () {
        var links = box.list.querySelectorAll('.dj-search__result');
        var link = links[Math.max(box.active, 0)];
        if (link) box.follow(link);
      };
      // The query as typed now: what is pending may be for its first letters (a typing burst)
      this.update().then(go);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    }
  };

  Box.prototype.follow = function (link) {
    this.close();
    window.location.href = link.href;
  };

  Box.prototype.select = function (index) {
    var items = this.list.querySelectorAll('.dj-search__result');
    this.active = index;
    for (var i = 0; i < items.length; i++) {
      var on = i === index;
      items[i].classList.toggle('dj-search__result--active', on);
      items[i].setAttribute('aria-selected', on ? 'true' : 'false');
      if (on) {
        this.input.setAttribute('aria-activedescendant', items[i].id);
        if (items[i].scrollIntoView) items[i].scrollIntoView({ block: 'nearest' });
      }
    }
  };

  /* The next page of results, for the same query; focus moves to the first new one */
  Box.prototype.showMore = function () {
    var box = this;
    var first = this.limit;
    this.limit += PAGE;
    this.update(true).then(function () {
      var items = box.list.querySelectorAll('.dj-search__result');
      if (items[first]) {
        box.select(first);
        items[first].focus();
      } else {
        box.input.focus();
      }
    });
  };

  Box.prototype.update = function (more) {
    var box = this;
    var query = this.input.value.trim();
    // The same query again (a browser reporting one commit twice): keep what is on its way
    if (!more && query && query === this.queried && this.pending) {
      var current = this.sequence;
      return this.pending.then(function () { if (current === box.sequence) box.busy(false); });
    }
    if (!more) this.limit = PAGE;
    this.queried = query;
    var sequence = ++this.sequence;
    this.clear.hidden = !query;
    if (!query) {
      this.list.textContent = '';
      this.show(false);
      this.shown = null;
      this.pending = null;
      this.busy(false);
      return Promise.resolve();
    }
    this.busy(true);
    var partial = function (found) {
      if (sequence === box.sequence) box.render(query, found);
    };
    var options = more ? { limit: this.limit } : { limit: this.limit, first: 5, partial: partial };
    this.pending = dj.search.run(query, options).then(function (found) {
      if (sequence === box.sequence) box.render(query, found);
    }, function () {
      if (sequence === box.sequence) box.render(query, null);
    });
    return this.pending;
  };

  Box.prototype.render = function (query, found) {
    var box = this;
    // The full list replacing its first part keeps the member's place in it
    var keep = this.shown === query ? this.active : -1;
    this.shown = query;
    this.list.textContent = '';
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    if (!found) {
      this.meta.textContent = '搜索数据加载失败，请刷新页面后重试';
    } else if (!found.results.length) {
      this.meta.textContent = '没有找到与“' + query + '”相关的内容';
    } else if (found.results[0].partly) {
      this.meta.textContent = '没有页面包含完整的“' + query + '”';
    } else if (found.loose) {
      this.meta.textContent = '没有找到完全相同的“' + query + '”，以下页面包含其中的各个词';
    } else if (found.partial) {
      this.meta.textContent = '正在加载更多结果…';
    } else if (found.total !== null && found.total !== undefined) {
      this.meta.textContent = '找到 ' + found.total + ' 个相关页面' + (found.total > found.results.length ? '，显示前 ' + found.results.length + ' 个' : '');
    } else {
      this.meta.textContent = '显示最相关的 ' + found.results.length + ' 个页面';
    }
    this.root.classList.toggle('dj-search--empty', !!found && !found.results.length);
    this.suggestions.textContent = '';
    this.suggestions.hidden = true;
    var anyWhole = found && found.results.length && !found.results[0].partly;
    // Written by the build next to the index, like every other constant the engine reads
    var labels = (dj.search.state.manifest || {}).labels || {};
    if (found && !found.partial && !anyWhole) this.suggest(query, !found.results.length);
    // Still busy while more results load, or while this answers the first letters of a query
    // still being typed (the rest waits for the typing pause)
    this.busy(!!found && !!found.partial || query !== this.input.value.trim());
    (found ? found.results : []).forEach(function (result, index, all) {
      // Pages holding only part of the query follow the others, under a divider
      if (result.partly && !(index && all[index - 1].partly)) {
        box.list.appendChild(dj.el('li', { role: 'none', className: 'dj-search__divider' }, [
          dj.el('span', { role: 'option', 'aria-disabled': 'true', 'aria-selected': 'false', text: '以下页面只包含部分词语' })
        ]));
      }
      var href = dj.url(result.url) + (result.anchor ? '#' + result.anchor : '');
      var heading = result.anchor && result.heading && result.heading !== result.title ? result.heading : '';
      var link = dj.el('a', {
        className: 'dj-search__result' + (result.partly ? ' dj-search__result--partly' : ''), href: href, id: 'dj-search-result-' + index, role: 'option',
        'aria-selected': 'false',
        onclick: function (event) { event.preventDefault(); box.follow(link); }
      }, [
        dj.el('div', { className: 'dj-search__head' }, [
          labels[result.kind] ? dj.el('span', { className: 'dj-search__label dj-search__label--' + result.kind, text: labels[result.kind] }) : null,
          dj.el('span', { className: 'dj-search__title' }, marked(result.title, hitsIn(result.title, result, found.parsed))),
          result.date ? dj.el('span', { className: 'dj-search__date', text: result.date }) : null
        ]),
        heading ? dj.el('div', { className: 'dj-search__heading' }, marked(heading, hitsIn(heading, result, found.parsed))) : null,
        dj.el('p', { className: 'dj-search__snippet' }, snippet(result))
      ]);
      box.list.appendChild(dj.el('li', { role: 'none' }, [link]));
    });
    if (keep >= 0 && found && keep < found.results.length) this.select(keep);
    // More may exist when the list is full: known (total) or not yet counted (phrases)
    var full = !!found && !found.partial && found.results.length === this.limit;
    var whole = found ? found.results.filter(function (r) { return !r.partly; }).length : 0;
    var moreWhole = found && (found.total === null || found.total > whole);
    var morePartly = found && found.partly > found.results.length - whole;
    this.more.hidden = !(full && (moreWhole || morePartly));
    this.show(true);
  };

  /* No page holds the whole query: offer titles that look or sound like it, and (`topics`,
   * when nothing was found at all) every topic */
  Box.prototype.suggest = function (query, topics) {
    var box = this;
    var sequence = this.sequence;
    dj.search.suggest(query).then(function (offer) {
      if (sequence !== box.sequence) return;
      var links = function (items) {
        return dj.el('ul', {}, items.map(function (item) {
          var link = dj.el('a', { href: dj.url(item.url), text: item.title });
          return dj.el('li', {}, [link]);
        }));
      };
      if (offer.titles.length) {
        box.suggestions.appendChild(dj.el('p', { className: 'dj-search__suggest-head', text: '您是不是要找：' }));
        box.suggestions.appendChild(links(offer.titles));
      }
      if (topics && offer.topics.length) {
        box.suggestions.appendChild(dj.el('p', { className: 'dj-search__suggest-head', text: '也可以按专题浏览学习资料：' }));
        box.suggestions.appendChild(links(offer.topics));
      }
      box.suggestions.hidden = !box.suggestions.firstChild;
    }, function () { /* the line saying nothing was found stays */ });
  };

  dj.ready(function () {
    var node = document.querySelector('[data-dj-search]');
    if (node) dj.searchBox = new Box(node);
    // A search field inside a page (the 404 page): its query goes to the header's box
    Array.prototype.forEach.call(document.querySelectorAll('[data-dj-search-here]'), function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var query = form.querySelector('input').value.trim();
        if (!dj.searchBox || !query) return;
        dj.searchBox.open();
        dj.searchBox.input.value = query;
        dj.searchBox.update();
      });
    });
  });
})();
