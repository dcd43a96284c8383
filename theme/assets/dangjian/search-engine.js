/* dangjian search engine, the run loop: a query parsed (search-query.js), its terms' postings
 * loaded and decoded (search-index.js), candidates ranked (search-rank.js) and proven in the page
 * text in rank order (search-match.js) until enough results are found. Also hands the manifest's
 * constants to the pieces that need them. The pieces load as separate classic scripts before
 * this one (plugins/dangjian/search/plugin.py lists them); each reaches the others only when
 * called. Adds dangjian.registerSearchManifest, dangjian.search.run and prefetch. */
(function () {
  'use strict';

  var dj = window.dangjian = window.dangjian || {};
  var search = dj.search = dj.search || {};

  /* The manifest's constants, written only in Python, to the pieces that use them */
  dj.registerSearchManifest = function (manifest) {
    search.state.manifest = manifest;
    search.tokenizer.configure(manifest); // CJK ranges, Traditional→Simplified pairs
    search.setCodec(manifest); // the postings alphabet
    search.setRanking(manifest); // K1, field bonuses
  };

  /* Start loading the shards a query will need (the search box calls this while the member
   * is still typing, so that run() finds them loaded or on their way) */
  function prefetch(query) {
    return search.load().then(function () { return search.loadShards(search.queryTerms(search.parse(query))); });
  }
  search.prefetch = prefetch;

  /* Run a query: {results:[…], loose, total, parsed}. Phrases are verified in the page text.
   * options.limit: results wanted (10); options.partial(found): called once, as soon as the
   * first options.first results (5) are confirmed while the others still load, so the box can
   * show the top of the list without waiting for the slowest text chunk. */
  function run(query, options) {
    options = options || {};
    var limit = options.limit || 10;
    var parsed = null;
    var early = options.partial ? { first: Math.min(options.first || 5, limit), report: options.partial } : null;
    return search.load().then(function () {
      // Parse once the manifest has brought the tokenizer's character ranges and table
      parsed = search.parse(query);
      return search.postings(search.queryTerms(parsed));
    }).then(function (lists) {
      if (!parsed.groups.length) return { results: [], loose: false, total: 0 };
      // Several terms of one phrase may each be in a page without being adjacent: check the text
      var needsCheck = parsed.groups.some(function (g) { return g.terms.length > 1; });
      // Nothing adjacent: look for the words one by one, unless that is the same search
      var canLoosen = parsed.groups.some(function (g) {
        return g.loose.join(' ') !== g.terms.map(function (t) { return t[0]; }).join(' ');
      });
      var cap = Math.max(limit * 6, 60);
      var strict = search.candidates(parsed, lists, 'strict', cap);
      // (for Chinese phrases the loose words are among the phrase's terms, already loaded)
      var words = function () {
        return search.postings(search.queryTerms(parsed, true)).then(function (more) {
          Object.keys(more).forEach(function (t) { lists[t] = more[t]; });
        });
      };
      return collect(strict, parsed, false, limit, needsCheck, early).then(function (found) {
        if (found.results.length || !canLoosen) return found;
        return words().then(function () {
          return collect(search.candidates(parsed, lists, 'loose', cap), parsed, true, limit, false, early);
        });
      }).then(function (found) {
        // Few pages hold the whole query: pages holding most of its words follow them
        if (found.results.length >= Math.min(limit, search.FEW) || !search.canPartial(parsed)) return found;
        // (its words are the phrases' terms, loaded already)
        return addPartial(found, parsed, lists, limit, cap);
      });
    }).then(function (found) {
      found.parsed = parsed;
      return found;
    });
  }
  search.run = run;

  /* Below `found`, pages holding most of the query's words (quoted phrases still required),
   * each flagged `partly`; found.partly says how many such pages exist in all */
  function addPartial(found, parsed, lists, limit, cap) {
    var skip = {};
    found.results.forEach(function (r) { skip[r.id] = true; });
    var part = search.partialCandidates(parsed, lists, skip, cap, found.results.length > 0);
    found.partly = part.count;
    if (!part.count) return found;
    var verify = parsed.groups.some(function (g) { return g.quoted && g.terms.length > 1; });
    return collect(part, parsed, 'partial', limit - found.results.length, verify, null).then(function (more) {
      more.results.forEach(function (r) { r.partly = true; });
      found.results = found.results.concat(more.results);
      return found;
    });
  }

  function result(candidate, page, match) {
    return { id: candidate.id, score: candidate.score, url: page[1], title: page[2], kind: page[3],
      date: page[4], anchor: match.anchor, heading: match.heading, text: match.text, hits: match.hits };
  }

  /* Load the text of candidates in rank order until `limit` of them are confirmed */
  function collect(found, parsed, loose, limit, verifyAll, early) {
    var ranked = found.top;
    var results = [];
    var index = 0;
    function step() {
      if (results.length >= limit || index >= ranked.length) {
        var total = verifyAll ? (index >= found.count ? results.length : null) : found.count;
        return Promise.resolve({ results: results, loose: loose, total: total });
      }
      // First round: just the results to show; when phrase checks fail, load more per round
      var failed = index > results.length;
      var size = failed && verifyAll ? Math.max(10, 2 * (limit - results.length)) : limit - results.length;
      // Chunks arrive together however many load at once: the first screen goes alone
      if (early && index === 0) size = early.first;
      var batch = ranked.slice(index, index + Math.max(1, size));
      var checked = new Array(batch.length);
      index += batch.length;
      // Match each page as soon as its chunk arrives, while the others still load
      return Promise.all(batch.map(function (c, i) {
        return search.page(c.id).then(function (page) {
          checked[i] = page ? { page: page, match: search.matchPage(page, parsed, loose) } : {};
          if (early) reportEarly();
        });
      })).then(function () {
        checked.forEach(function (f, i) {
          if (f.match && results.length < limit) results.push(result(batch[i], f.page, f.match));
        });
        return step();
      });

      /* The confirmed results at the head of the ranking, once there are early.first of them */
      function reportEarly() {
        var head = results.slice();
        for (var i = 0; i < checked.length && checked[i] && head.length < early.first; i++) {
          if (checked[i].match) head.push(result(batch[i], checked[i].page, checked[i].match));
        }
        if (head.length < early.first) return;
        var report = early.report;
        early = null;
        report({ results: head, loose: loose, total: null, parsed: parsed, partial: true });
      }
    }
    return step();
  }
})();
