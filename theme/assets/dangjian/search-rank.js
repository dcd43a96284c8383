/* dangjian search, ranking: which pages a parsed query finds in the decoded postings, and in
 * what order (BM25 with title and heading bonuses; the editors' guide last; pages holding most
 * of the words after those holding the whole query). K1 and the field bonuses arrive with the
 * manifest: they are written only in plugins/dangjian/search/index.py, which weighs each term.
 * Adds dangjian.search.setRanking, candidates, canPartial, partialCandidates, FEW. */
(function () {
  'use strict';

  var dj = window.dangjian = window.dangjian || {};
  var search = dj.search = dj.search || {};

  search.FEW = 10; // fewer pages than this hold the whole query: partial matches follow them

  /* WEIGHT maps a weight code (4 bits of term-frequency saturation, 2 bits of field) to its
   * score, from the manifest's K1 and field bonuses */
  var WEIGHT = new Float64Array(64);
  function setRanking(manifest) {
    var k1 = manifest.k1;
    var bonus = manifest.fieldBonus;
    for (var w = 0; w < 64; w++) WEIGHT[w] = (w & 15) / 15 * (k1 + 1) + (bonus[w >> 4] || 0);
  }
  search.setRanking = setRanking;

  function idf(df, n) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  /* 1 for a page of the editors' guide (ids from manifest.editors on): listed after the rest */
  function editors(id) {
    var manifest = search.state.manifest;
    var from = manifest && manifest.editors;
    return from !== undefined && id >= from ? 1 : 0;
  }

  function byRank(x, y) { return editors(x.id) - editors(y.id) || y.score - x.score || x.id - y.id; }

  /* Pages holding every term of every group, minus excluded ones: {top, count}, `top` the best
   * `cap` of them in rank order (best score first; equal scores: the newer page, as ids are
   * assigned newest first), `count` how many there are */
  function candidates(parsed, lists, key, cap) {
    var n = search.state.manifest.pages;
    var needed = [];
    parsed.groups.forEach(function (g) {
      (key === 'loose' ? g.loose : g.terms.map(function (t) { return t[0]; })).forEach(function (t) {
        if (needed.indexOf(t) < 0) needed.push(t);
      });
    });
    if (!needed.length) return { top: [], count: 0 };
    var have = needed.map(function (t) { return lists[t]; });
    var idfs = have.map(function (l) { return idf(l.size, n); });
    var without = parsed.exclude.map(function (g) {
      return g.terms.map(function (t) { return lists[t[0]].at; });
    });
    var base = have.reduce(function (x, y) { return y.size < x.size ? y : x; });
    var scored = [];
    for (var k = 0; k < base.size; k++) {
      var id = base.ids[k];
      var score = 0;
      var j;
      for (j = 0; j < have.length; j++) {
        var c = have[j].at[id];
        if (!c) break;
        score += idfs[j] * WEIGHT[c - 1];
      }
      if (j < have.length || excluded(without, id)) continue;
      scored.push({ id: id, score: score });
    }
    var count = scored.length;
    if (count > cap) {
      // Only the best `cap` are ever looked at: keep those scoring at least the cap-th best
      // (editors' pages rank after all others: they score below every member's page here)
      var scores = new Float64Array(count);
      for (k = 0; k < count; k++) scores[k] = scored[k].score - editors(scored[k].id) * 1e9;
      scores.sort();
      var least = scores[count - cap];
      scored = scored.filter(function (x) { return x.score - editors(x.id) * 1e9 >= least; });
    }
    scored.sort(byRank);
    return { top: scored.slice(0, cap), count: count };
  }
  search.candidates = candidates;

  /* Is page `id` holding every term of one of the excluded groups? */
  function excluded(without, id) {
    for (var g = 0; g < without.length; g++) {
      var all = true;
      for (var t = 0; t < without[g].length && all; t++) all = without[g][t][id] > 0;
      if (all) return true;
    }
    return false;
  }

  /* The words a partial match counts: each unquoted group's terms (overlapping pairs, so
   * that 缴纳 and 标准 count in 党费的缴纳标准, not just the pairs a loose match cuts), once */
  function partialWords(parsed) {
    var words = [];
    parsed.groups.forEach(function (g) {
      if (!g.quoted) g.terms.forEach(function (t) { if (words.indexOf(t[0]) < 0) words.push(t[0]); });
    });
    return words;
  }

  function wordLength(t) { return search.tokenizer.isPair(t) ? 2 : 1; }

  /* Can a page hold part of the query? Two words at least, one longer than a character */
  function canPartial(parsed) {
    var words = partialWords(parsed);
    return words.length > 1 && words.some(function (w) { return wordLength(w) > 1; });
  }
  search.canPartial = canPartial;

  /* Which units of the query (its unquoted groups, numbered across groups) each word covers */
  function coverage(parsed, words) {
    var covers = words.map(function () { return []; });
    var slots = 0;
    parsed.groups.forEach(function (g) {
      if (g.quoted) return;
      var us = search.tokenizer.units(g.text).map(function (u) { return u[0]; });
      words.forEach(function (w, j) {
        for (var i = 0; i < us.length; i++) {
          if (us[i] === w) covers[j].push(slots + i);
          else if (i + 1 < us.length && us[i] + us[i + 1] === w) covers[j].push(slots + i, slots + i + 1);
        }
      });
      slots += us.length;
    });
    return { covers: covers, slots: slots };
  }

  /* Pages whose words cover at least half of the query's characters, one word longer than a
   * character among them, and hold every quoted phrase's terms. When no page holds the whole
   * query, more is asked: two thirds, in two words at least (量子计算机 is not answered
   * by 计算机). Ranked by how much of the query they hold, then by BM25. {top, count} */
  function partialCandidates(parsed, lists, skip, cap, afterFull) {
    var n = search.state.manifest.pages;
    var words = partialWords(parsed);
    if (words.length < 2) return { top: [], count: 0 };
    var query = coverage(parsed, words);
    var required = [];
    parsed.groups.forEach(function (g) {
      if (g.quoted) g.terms.forEach(function (t) { required.push(lists[t[0]].at); });
    });
    var without = parsed.exclude.map(function (g) {
      return g.terms.map(function (t) { return lists[t[0]].at; });
    });
    var idfs = words.map(function (w) { return idf(lists[w].size, n); });
    var seen = new Uint8Array(n);
    var scored = [];
    words.forEach(function (w) {
      var list = lists[w];
      for (var k = 0; k < list.size; k++) {
        var id = list.ids[k];
        if (seen[id] || skip[id]) continue;
        seen[id] = 1;
        var entry = partialScore(id, words, lists, idfs, query);
        var enough = afterFull ? entry.covered * 2 >= query.slots && entry.long >= 1
          : entry.covered * 3 >= query.slots * 2 && entry.long >= 2;
        if (!enough) continue;
        if (required.some(function (at) { return !at[id]; }) || excluded(without, id)) continue;
        scored.push({ id: id, score: entry.score, coverage: entry.covered / query.slots });
      }
    });
    scored.sort(function (x, y) {
      return editors(x.id) - editors(y.id) || y.coverage - x.coverage || byRank(x, y);
    });
    return { top: scored.slice(0, cap), count: scored.length };
  }
  search.partialCandidates = partialCandidates;

  /* How many of the query's units a page's words cover, how many of its words are longer
   * than one unit, and their BM25 score */
  function partialScore(id, words, lists, idfs, query) {
    var entry = { covered: 0, long: 0, score: 0 };
    var covered = new Uint8Array(query.slots);
    words.forEach(function (w, j) {
      var c = lists[w].at[id];
      if (!c) return;
      query.covers[j].forEach(function (slot) { covered[slot] = 1; });
      if (wordLength(w) > 1) entry.long += 1;
      entry.score += idfs[j] * WEIGHT[c - 1];
    });
    for (var i = 0; i < covered.length; i++) entry.covered += covered[i];
    return entry;
  }
})();
