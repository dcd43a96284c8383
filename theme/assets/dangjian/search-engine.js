/* dangjian search engine: the tokenizer twin of plugins/dangjian/search/tokenizer.py, the
 * query parser, on-demand loading of term shards and text chunks, BM25 ranking and phrase
 * verification. Classic script, ES2017, no fetch/XHR/worker/WASM: data arrives as scripts
 * that call dangjian.registerSearch…(), so it works from file:// as well as http://. */
(function () {
  'use strict';

  var dj = window.dangjian = window.dangjian || {};
  var search = dj.search = dj.search || {};
  var BASE = 'assets/dangjian/search/';

  /* ---------- tokenizer (must cut text exactly like tokenizer.py) ---------- */
  var CJK = '\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff';
  var IS_CJK = new RegExp('^[' + CJK + ']');
  var table = {};
  var FOLDABLE = /[A-Z\uff01-\uff5e\u3000]/g;

  function setTable(pairs) {
    table = {};
    var sources = '';
    for (var i = 0; i + 1 < pairs.length; i += 2) {
      table[pairs[i]] = pairs[i + 1];
      sources += pairs[i];
    }
    // Only characters that change go through foldChar
    FOLDABLE = new RegExp('[A-Z\uff01-\uff5e\u3000' + sources + ']', 'g');
  }

  function foldChar(c) {
    var code = c.charCodeAt(0);
    if (code >= 0xFF01 && code <= 0xFF5E) c = String.fromCharCode(code - 0xFEE0);
    else if (code === 0x3000) return ' ';
    if (c >= 'A' && c <= 'Z') return c.toLowerCase();
    return Object.prototype.hasOwnProperty.call(table, c) ? table[c] : c;
  }

  /* Full-width → half-width, ASCII lower case, Traditional → Simplified; keeps the length */
  function fold(text) {
    return String(text).replace(FOLDABLE, foldChar);
  }

  function isCjk(code) {
    return (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0xf900 && code <= 0xfaff);
  }

  function isAlnum(code) { return (code >= 48 && code <= 57) || (code >= 97 && code <= 122); }

  /* units() of text already folded: a loop over char codes, the engine's hottest path */
  function foldedUnits(folded) {
    var result = [];
    var pos = 0;
    var i = 0;
    var n = folded.length;
    while (i < n) {
      var code = folded.charCodeAt(i);
      var j = i + 1;
      if (isCjk(code)) {
        result.push([folded[i], pos, i, 1]);
      } else if (isAlnum(code)) {
        while (j < n && isAlnum(folded.charCodeAt(j))) j++;
        result.push([folded.slice(i, j), pos, i, j - i]);
      } else {
        while (j < n && !isCjk(folded.charCodeAt(j)) && !isAlnum(folded.charCodeAt(j))) j++;
      }
      pos += 1;
      i = j;
    }
    return result;
  }

  /* [unit, position, offset, length]; a run of other characters is a gap of one position */
  function units(text) {
    return foldedUnits(fold(text));
  }

  /* Index tokens [term, position]: each unit, then the CJK bigram starting at it */
  function tokens(text) {
    var us = units(text);
    var out = [];
    for (var i = 0; i < us.length; i++) {
      out.push([us[i][0], us[i][1]]);
      var next = us[i + 1];
      if (next && next[1] === us[i][1] + 1 && IS_CJK.test(us[i][0]) && IS_CJK.test(next[0])) {
        out.push([us[i][0] + next[0], us[i][1]]);
      }
    }
    return out;
  }

  /* Terms proving a phrase, positions relative to its start (see Tokenizer.phrase_terms) */
  function phraseTerms(text) {
    var us = units(text);
    if (!us.length) return [];
    var start = us[0][1];
    var terms = [];
    var i = 0;
    while (i < us.length) {
      var end = i;
      if (IS_CJK.test(us[i][0])) {
        while (end + 1 < us.length && IS_CJK.test(us[end + 1][0]) && us[end + 1][1] === us[end][1] + 1) end++;
      }
      if (end === i) terms.push([us[i][0], us[i][1] - start]);
      else for (var k = i; k < end; k++) terms.push([us[k][0] + us[k + 1][0], us[k][1] - start]);
      i = end + 1;
    }
    return terms;
  }

  /* Terms of a loose match: the phrase's bigrams without the overlapping ones */
  function looseTerms(text) {
    var terms = phraseTerms(text);
    var kept = [];
    var lastEnd = -1;
    terms.forEach(function (t, index) {
      var end = t[1] + (t[0].length === 2 && IS_CJK.test(t[0]) ? 2 : 1);
      var lastOfRun = index + 1 === terms.length || terms[index + 1][1] !== t[1] + 1;
      if (t[1] >= lastEnd || lastOfRun) {
        if (kept.indexOf(t[0]) < 0) kept.push(t[0]);
        lastEnd = end;
      }
    });
    return kept;
  }

  search.tokenizer = { setTable: setTable, fold: fold, units: units, tokens: tokens,
    phraseTerms: phraseTerms, looseTerms: looseTerms };

  /* ---------- query: space-separated terms (AND), "quoted phrases", -exclusions ---------- */
  function parse(query) {
    var groups = [];
    var exclude = [];
    var re = /(-?)"([^"]*)"?|(-?)(\S+)/g;
    var m;
    var q = String(query).replace(/[\u201c\u201d\uff02]/g, '"').replace(/\u3000/g, ' ');
    while ((m = re.exec(q)) !== null) {
      var negative = (m[1] || m[3]) === '-' || m[0][0] === '\uff0d';
      var text = m[2] !== undefined ? m[2] : m[4];
      var terms = phraseTerms(text);
      if (!terms.length) continue;
      var group = { text: text, terms: terms, loose: looseTerms(text) };
      (negative ? exclude : groups).push(group);
    }
    return { groups: groups, exclude: exclude };
  }
  search.parse = parse;

  /* ---------- index data ---------- */
  var state = { manifest: null, shards: {}, chunks: {} };
  search.state = state;

  dj.registerSearchManifest = function (manifest) {
    state.manifest = manifest;
    setTable(manifest.fold || '');
  };
  dj.registerSearchShard = function (id, terms) { state.shards[id] = terms; };
  dj.registerSearchChunk = function (id, pages) { state.chunks[id] = pages; };

  /* FNV-1a over UTF-16 units, as in index.py: the shard that holds a term */
  function bucket(term, buckets) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return (h % buckets).toString(16);
  }
  search.bucket = bucket;

  var ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/';
  var DIGIT = {};
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET[a]] = a;

  /* Postings string → {pageId: weightCode}; ids delta-coded in base 32, then one weight char
   * (single CJK characters have none: they get a middle weight) */
  function decode(text, unweighted) {
    var out = new Map();
    var id = -1;
    var i = 0;
    while (i < text.length) {
      var value = 0;
      var d = DIGIT[text[i++]];
      while (d >= 32) { value = value * 32 + (d - 32); d = DIGIT[text[i++]]; }
      value = value * 32 + d;
      id += value + 1;
      out.set(id, unweighted ? 8 : DIGIT[text[i++]]);
    }
    return out;
  }
  search.decode = decode;

  function loadManifest() {
    if (state.manifest) return Promise.resolve(state.manifest);
    return dj.loadScript(BASE + 'manifest.js').then(function () { return state.manifest; });
  }
  search.load = loadManifest;

  /* Load the shards holding `terms`, all at once */
  function loadShards(terms) {
    var m = state.manifest;
    var ids = {};
    terms.forEach(function (t) { ids[bucket(t, m.buckets)] = true; });
    return Promise.all(Object.keys(ids).sort().map(function (id) {
      return dj.loadScript(BASE + 't-' + id + '.js');
    }));
  }

  var postingsCache = {};
  function postings(terms) {
    var m = state.manifest;
    return loadShards(terms).then(function () {
      var result = {};
      terms.forEach(function (t) {
        if (!postingsCache[t]) {
          var shard = state.shards[bucket(t, m.buckets)] || {};
          var text = Object.prototype.hasOwnProperty.call(shard, t) ? shard[t] : '';
          postingsCache[t] = decode(text, t.length === 1 && IS_CJK.test(t));
        }
        result[t] = postingsCache[t];
      });
      return result;
    });
  }

  function chunkOf(pageId) { return Math.floor(pageId / state.manifest.chunk); }

  function pageText(pageId) {
    var id = chunkOf(pageId);
    return dj.loadScript(BASE + 'c-' + id.toString(16) + '.js').then(function () {
      var pages = state.chunks[id.toString(16)] || [];
      return pages[pageId - id * state.manifest.chunk];
    });
  }
  search.page = pageText;

  /* ---------- ranking ---------- */
  var FIELD_BONUS = [0, 0.9, 2.4]; // term in body only / in a heading / in the title
  var K1 = 1.2;

  function weight(code) { return (code & 15) / 15 * (K1 + 1) + FIELD_BONUS[code >> 4]; }

  function idf(df, n) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  function intersect(lists) {
    if (!lists.length) return [];
    var sorted = lists.slice().sort(function (x, y) { return x.size - y.size; });
    var out = [];
    sorted[0].forEach(function (_, id) {
      for (var i = 1; i < sorted.length; i++) if (!sorted[i].has(id)) return;
      out.push(id);
    });
    return out;
  }

  /* Pages holding every term of every group, minus excluded ones, best first */
  function candidates(parsed, lists, key) {
    var n = state.manifest.pages;
    var needed = [];
    parsed.groups.forEach(function (g) {
      (key === 'loose' ? g.loose : g.terms.map(function (t) { return t[0]; })).forEach(function (t) {
        if (needed.indexOf(t) < 0) needed.push(t);
      });
    });
    var ids = intersect(needed.map(function (t) { return lists[t]; }));
    var excluded = {};
    parsed.exclude.forEach(function (g) {
      intersect(g.terms.map(function (t) { return lists[t[0]]; })).forEach(function (id) { excluded[id] = true; });
    });
    var scored = ids.filter(function (id) { return !excluded[id]; }).map(function (id) {
      var score = 0;
      needed.forEach(function (t) { score += idf(lists[t].size, n) * weight(lists[t].get(id)); });
      return { id: id, score: score };
    });
    // Best score first; equal scores: the newer page (ids are assigned newest first)
    scored.sort(function (x, y) { return y.score - x.score || x.id - y.id; });
    return scored;
  }
  search.candidates = candidates;

  /* Does the term `t` start at unit j? (bigrams need the next unit adjacent) */
  function startsAt(us, j, t) {
    var u = us[j];
    if (!u) return false;
    if (t.length === 2 && IS_CJK.test(t)) {
      var next = us[j + 1];
      return !!next && next[1] === u[1] + 1 && u[0] === t[0] && next[0] === t[1];
    }
    return u[0] === t;
  }

  function termEnd(us, j, t) { return j + (t.length === 2 && IS_CJK.test(t) ? 1 : 0); }

  /* Where each group's phrase occurs in `text` (or its loose terms do): [offset, end] ranges.
   * `us` may pass units(text) already computed. */
  function phraseHits(text, group, loose, us) {
    us = us || units(text);
    var hits = [];
    var i;
    if (loose) {
      for (i = 0; i < us.length; i++) {
        group.loose.forEach(function (t) {
          if (startsAt(us, i, t)) hits.push([us[i][2], us[termEnd(us, i, t)][2] + us[termEnd(us, i, t)][3]]);
        });
      }
      return hits;
    }
    var byPos = {};
    for (i = 0; i < us.length; i++) byPos[us[i][1]] = i;
    var first = group.terms[0];
    for (i = 0; i < us.length; i++) {
      if (!startsAt(us, i, first[0])) continue;
      var base = us[i][1] - first[1];
      var endIndex = i;
      var ok = true;
      for (var k = 1; k < group.terms.length && ok; k++) {
        var t = group.terms[k];
        var j = byPos[base + t[1]];
        if (j === undefined || !startsAt(us, j, t[0])) ok = false;
        else endIndex = Math.max(endIndex, termEnd(us, j, t[0]));
      }
      if (ok) {
        endIndex = Math.max(endIndex, termEnd(us, i, first[0]));
        hits.push([us[i][2], us[endIndex][2] + us[endIndex][3]]);
      }
    }
    return hits;
  }
  search.phraseHits = phraseHits;

  /* Can `group` have a hit in `folded` text? Every term of a phrase (any loose term) must
   * occur in it as a substring: text lacking one is passed over without cutting it into units */
  function mayHit(folded, group, loose) {
    if (loose) return group.loose.some(function (t) { return folded.indexOf(t) >= 0; });
    return group.terms.every(function (t) { return folded.indexOf(t[0]) >= 0; });
  }

  /* phraseHits of every group in `text`: [hits per group] */
  function groupHits(text, parsed, loose) {
    var folded = fold(text);
    var us = null;
    return parsed.groups.map(function (g) {
      if (!mayHit(folded, g, loose)) return [];
      us = us || foldedUnits(folded);
      return phraseHits(text, g, loose, us);
    });
  }

  /* Match a page's sections; null when a phrase does not occur anywhere in the page */
  function matchPage(page, parsed, loose) {
    var sections = page[5];
    var best = null;
    var title = page[2];
    var titleHits = groupHits(title, parsed, loose);
    var allFound = titleHits.map(function (h) { return h.length > 0; });
    sections.forEach(function (s, index) {
      var heading = index === 0 ? title : s[1];
      var text = s[2];
      var inHeading = index === 0 ? titleHits : groupHits(heading, parsed, loose);
      var inText = groupHits(text, parsed, loose);
      var hits = [];
      var headingHits = 0;
      parsed.groups.forEach(function (g, gi) {
        if (inText[gi].length || inHeading[gi].length) allFound[gi] = true;
        hits = hits.concat(inText[gi]);
        headingHits += inHeading[gi].length;
      });
      var score = headingHits * 5 + hits.length;
      if (score > 0 && (!best || score > best.score)) {
        best = { score: score, anchor: s[0], heading: heading, text: text, hits: hits };
      }
    });
    if (!allFound.every(Boolean)) return null;
    return best || { score: 0, anchor: '', heading: title, text: sections[0] ? sections[0][2] : '', hits: [] };
  }

  /* Every term a parsed query looks up, each once */
  function queryTerms(parsed) {
    var terms = [];
    parsed.groups.concat(parsed.exclude).forEach(function (g) {
      g.terms.concat(g.loose.map(function (t) { return [t]; })).forEach(function (t) {
        if (terms.indexOf(t[0]) < 0) terms.push(t[0]);
      });
    });
    return terms;
  }

  /* Start loading the shards a query will need (the search box calls this while the member
   * is still typing, so that run() finds them loaded or on their way) */
  function prefetch(query) {
    return loadManifest().then(function () { return loadShards(queryTerms(parse(query))); });
  }
  search.prefetch = prefetch;

  /* Run a query: {results:[…], loose, total, exact}. Phrases are verified in the page text. */
  function run(query, options) {
    var limit = (options && options.limit) || 10;
    var parsed = null;
    return loadManifest().then(function () {
      // Parse once the manifest has brought the Traditional→Simplified table
      parsed = parse(query);
      return postings(queryTerms(parsed));
    }).then(function (lists) {
      if (!parsed.groups.length) return { results: [], loose: false, total: 0 };
      var needsCheck = parsed.groups.some(function (g) { return g.terms.length > 1; });
      var strict = candidates(parsed, lists, 'strict');
      return collect(strict, parsed, false, limit, needsCheck).then(function (found) {
        if (found.results.length || !needsCheck) return found;
        return collect(candidates(parsed, lists, 'loose'), parsed, true, limit, false);
      });
    }).then(function (found) {
      found.parsed = parsed;
      return found;
    });
  }
  search.run = run;

  /* Load the text of candidates in rank order until `limit` of them are confirmed */
  function collect(ranked, parsed, loose, limit, verifyAll) {
    var results = [];
    var index = 0;
    var maxChecks = Math.max(limit * 6, 60);
    function step() {
      if (results.length >= limit || index >= ranked.length || index >= maxChecks) {
        var total = verifyAll ? (index >= ranked.length ? results.length : null) : ranked.length;
        return Promise.resolve({ results: results, loose: loose, total: total });
      }
      // First round: just the results to show; when phrase checks fail, load more per round
      var size = index > 0 && verifyAll ? Math.max(10, 2 * (limit - results.length)) : limit - results.length;
      var batch = ranked.slice(index, index + Math.max(1, size));
      index += batch.length;
      // Match each page as soon as its chunk arrives, while the others still load
      return Promise.all(batch.map(function (c) {
        return pageText(c.id).then(function (page) {
          return page ? { page: page, match: matchPage(page, parsed, loose) } : null;
        });
      })).then(function (found) {
        found.forEach(function (f, i) {
          if (!f || !f.match || results.length >= limit) return;
          var page = f.page;
          var match = f.match;
          results.push({ id: batch[i].id, score: batch[i].score, url: page[1], title: page[2], kind: page[3],
            date: page[4], anchor: match.anchor, heading: match.heading, text: match.text, hits: match.hits });
        });
        return step();
      });
    }
    return step();
  }
})();
