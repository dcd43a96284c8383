/* dangjian search, after no result: 「您是不是要找」, titles that look or sound like the query and
 * the site's topics, from suggest.js (written by plugins/dangjian/search/suggest.py).
 * Adds dangjian.search.suggest. */
(function () {
  'use strict';

  var dj = window.dangjian = window.dangjian || {};
  var search = dj.search = dj.search || {};
  var data = null;

  dj.registerSearchSuggest = function (found) { data = found; };

  function loadSuggest() {
    if (data) return Promise.resolve(data);
    return search.loadData('suggest.js').then(function () { return data; });
  }

  /* character → its toneless syllable, from the build's syllable → characters table */
  var sounds = null;
  function soundOf(c) {
    if (!sounds) {
      sounds = {};
      var table = data.pinyin;
      Object.keys(table).forEach(function (syllable) {
        for (var i = 0; i < table[syllable].length; i++) sounds[table[syllable][i]] = syllable;
      });
    }
    return sounds[c];
  }

  function alike(a, b) { return a === b || (!!soundOf(a) && soundOf(a) === soundOf(b)); }

  /* Fewest characters to change, add or drop so that `query` occurs in `title` (both unit
   * lists); a character read the same way as the one written counts as no change */
  function nearness(query, title) {
    var previous = [];
    var j;
    for (j = 0; j <= title.length; j++) previous.push(0);
    for (var i = 1; i <= query.length; i++) {
      var current = [i];
      for (j = 1; j <= title.length; j++) {
        var change = previous[j - 1] + (alike(query[i - 1], title[j - 1]) ? 0 : 1);
        current.push(Math.min(change, previous[j] + 1, current[j - 1] + 1));
      }
      previous = current;
    }
    return Math.min.apply(null, previous);
  }

  function unitsOf(text) { return search.tokenizer.units(text).map(function (u) { return u[0]; }); }

  /* Titles within one or two characters of the query (one per three characters typed, at most
   * two; none for a single character), nearest first, and the site's topics */
  function suggest(query) {
    return loadSuggest().then(function (found) {
      var typed = unitsOf(query);
      var most = Math.min(2, Math.floor(typed.length / 3));
      var titles = [];
      if (typed.length > 1) {
        found.titles.forEach(function (t) {
          var distance = nearness(typed, unitsOf(t[0]));
          if (distance <= most) titles.push({ title: t[0], url: t[1], distance: distance });
        });
      }
      titles.sort(function (x, y) {
        return x.distance - y.distance || x.title.length - y.title.length || (x.title < y.title ? -1 : 1);
      });
      return {
        titles: titles.slice(0, 5),
        topics: found.topics.map(function (t) { return { title: t[0], url: t[1] }; })
      };
    });
  }
  search.suggest = suggest;
})();
