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
  // Punctuation, full-width or not, is a gap between units either way: only letters and
  // digits (full-width ones too) and Traditional characters need folding
  var WIDE = '\uff10-\uff19\uff21-\uff3a\uff41-\uff5a';
  var FOLDABLE = new RegExp('[A-Z' + WIDE + ']', 'g');
  // changes[code] is 1 for a UTF-16 unit fold() changes: most text has none, and a scan of
  // this table finds that out several times faster than the FOLDABLE regular expression
  var changes = new Uint8Array(65536);

  function setTable(pairs) {
    table = {};
    var sources = '';
    changes = new Uint8Array(65536);
    changes.fill(1, 0x41, 0x5b);
    changes.fill(1, 0xff10, 0xff1a);
    changes.fill(1, 0xff21, 0xff3b);
    changes.fill(1, 0xff41, 0xff5b);
    for (var i = 0; i + 1 < pairs.length; i += 2) {
      table[pairs[i]] = pairs[i + 1];
      sources += pairs[i];
      changes[pairs.charCodeAt(i)] = 1;
    }
    // Only characters that change go through foldChar
    FOLDABLE = new RegExp('[A-Z' + WIDE + sources + ']', 'g');
  }
  setTable('');

  function foldChar(c) {
    var code = c.charCodeAt(0);
    if (code >= 0xFF10 && code <= 0xFF5A) c = String.fromCharCode(code - 0xFEE0);
    if (c >= 'A' && c <= 'Z') return c.toLowerCase();
    return Object.prototype.hasOwnProperty.call(table, c) ? table[c] : c;
  }

  /* Full-width letters and digits → half-width, ASCII lower case, Traditional → Simplified;
   * keeps the length. Unlike tokenizer.py's fold it leaves punctuation alone: units() treats any
   * run of it as one gap, folded or not, so both cut text into the same units. */
  function fold(text) {
    text = String(text);
    for (var i = 0; i < text.length; i++) {
      if (changes[text.charCodeAt(i)]) return text.replace(FOLDABLE, foldChar);
    }
    return text;
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

  /* Index tokens [term, position]: each unit, then the pair starting at it when the next unit
   * is adjacent (two adjacent units always include a CJK character: 党建, 921工, u盘) */
  function tokens(text) {
    var us = units(text);
    var out = [];
    for (var i = 0; i < us.length; i++) {
      out.push([us[i][0], us[i][1]]);
      var next = us[i + 1];
      if (next && next[1] === us[i][1] + 1) out.push([us[i][0] + next[0], us[i][1]]);
    }
    return out;
  }

  /* Terms proving a phrase, positions relative to its start (see Tokenizer.phrase_terms) */
  function phraseTerms(text) {
    return chainTerms(text, function () { return true; });
  }

  function bothCjk(unit, following) { return IS_CJK.test(unit) && IS_CJK.test(following); }

  /* Runs of adjacent units joined by pairs(unit, following) → their overlapping pairs; other
   * units alone. Positions relative to the first unit. */
  function chainTerms(text, pairs) {
    var us = units(text);
    if (!us.length) return [];
    var start = us[0][1];
    var terms = [];
    var i = 0;
    while (i < us.length) {
      var end = i;
      while (end + 1 < us.length && us[end + 1][1] === us[end][1] + 1 && pairs(us[end][0], us[end + 1][0])) end++;
      if (end === i) terms.push([us[i][0], us[i][1] - start]);
      else for (var k = i; k < end; k++) terms.push([us[k][0] + us[k + 1][0], us[k][1] - start]);
      i = end + 1;
    }
    return terms;
  }

  /* Terms of a loose match: the phrase's CJK bigrams without the overlapping ones, and its
   * words of letters or digits, each anywhere in the page */
  function looseTerms(text) {
    var terms = chainTerms(text, bothCjk);
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

  /* The folded string a phrase is when its units follow one another with nothing between
   * them (then finding the phrase is a substring search); null when a gap separates two */
  function literal(text) {
    var us = units(text);
    for (var i = 1; i < us.length; i++) if (us[i][1] !== us[i - 1][1] + 1) return null;
    return us.map(function (u) { return u[0]; }).join('');
  }

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
      var group = { text: text, terms: terms, loose: looseTerms(text), literal: literal(text), quoted: m[2] !== undefined };
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
    setCodec(manifest);
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

  /* The codec alphabet and ranking constants come from the manifest (index.py writes them):
   * DIGIT maps a character to its value, WEIGHT a weight code to its score */
  var DIGIT = new Uint8Array(128);
  var WEIGHT = new Float64Array(64);
  function setCodec(manifest) {
    var alphabet = manifest.alphabet;
    var k1 = manifest.k1;
    var bonus = manifest.fieldBonus;
    for (var a = 0; a < alphabet.length; a++) DIGIT[alphabet.charCodeAt(a)] = a;
    for (var w = 0; w < 64; w++) WEIGHT[w] = (w & 15) / 15 * (k1 + 1) + (bonus[w >> 4] || 0);
  }

  /* A postings string → {size, ids, at}: `ids` the pages in id order, `at[id]` the page's weight
   * code + 1 (0: the term is not in the page). Ids are delta-coded in base 32, each followed by
   * one weight character (single CJK characters have none: they get a middle weight). Typed
   * arrays, not a Map: the first query runs this in V8's interpreter, where that is 5× faster. */
  function decode(text, unweighted, pages) {
    if (text.charCodeAt(0) === 33) return decodeBitmap(text, unweighted, pages);
    var ids = new Int32Array(text.length);
    var at = new Uint8Array(pages);
    var size = 0;
    var id = -1;
    var i = 0;
    while (i < text.length) {
      var value = 0;
      var d = DIGIT[text.charCodeAt(i++)];
      while (d >= 32) { value = value * 32 + (d - 32); d = DIGIT[text.charCodeAt(i++)]; }
      id += value * 32 + d + 1;
      ids[size++] = id;
      at[id] = 1 + (unweighted ? 8 : DIGIT[text.charCodeAt(i++)]);
    }
    return { size: size, ids: ids.subarray(0, size), at: at };
  }
  search.decode = decode;

  /* The bitmap form of a frequent term: "!", one character per six page ids (bit i of
   * character k: page 6k + i), then the weight characters of its pages in id order */
  function decodeBitmap(text, unweighted, pages) {
    var ids = new Int32Array(pages);
    var at = new Uint8Array(pages);
    var chars = Math.ceil(pages / 6);
    var w = 1 + chars;
    var size = 0;
    for (var k = 0; k < chars; k++) {
      var bits = DIGIT[text.charCodeAt(1 + k)];
      for (var b = 0; bits; b++, bits >>= 1) {
        if (!(bits & 1)) continue;
        var id = k * 6 + b;
        ids[size++] = id;
        at[id] = 1 + (unweighted ? 8 : DIGIT[text.charCodeAt(w++)]);
      }
    }
    return { size: size, ids: ids.subarray(0, size), at: at };
  }

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
          postingsCache[t] = decode(text, t.length === 1 && IS_CJK.test(t), m.pages);
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
  var FEW = 10; // fewer pages than this hold the whole query: partial matches follow them

  function idf(df, n) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

  /* 1 for a page of the editors' guide (ids from manifest.editors on): listed after the rest */
  function editors(id) {
    var from = state.manifest && state.manifest.editors;
    return from !== undefined && id >= from ? 1 : 0;
  }

  function byRank(x, y) { return editors(x.id) - editors(y.id) || y.score - x.score || x.id - y.id; }

  /* Pages holding every term of every group, minus excluded ones: {top, count}, `top` the best
   * `cap` of them in rank order (best score first; equal scores: the newer page, as ids are
   * assigned newest first), `count` how many there are */
  function candidates(parsed, lists, key, cap) {
    var n = state.manifest.pages;
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

  /* Is page `id` holding every term of one of the excluded groups? */
  function excluded(without, id) {
    for (var g = 0; g < without.length; g++) {
      var all = true;
      for (var t = 0; t < without[g].length && all; t++) all = without[g][t][id] > 0;
      if (all) return true;
    }
    return false;
  }
  search.candidates = candidates;

  /* Is `t` a pair of units (党建, 921工, u盘)? A single unit is one CJK character or a word of
   * letters and digits only */
  var HAS_CJK = new RegExp('[' + CJK + ']');
  function isPair(t) { return t.length > 1 && HAS_CJK.test(t); }

  /* Does the term `t` start at unit j? (pairs need the next unit adjacent) */
  function startsAt(us, j, t) {
    var u = us[j];
    if (!u) return false;
    if (isPair(t)) {
      var next = us[j + 1];
      return !!next && next[1] === u[1] + 1 && u[0] + next[0] === t;
    }
    return u[0] === t;
  }

  function termEnd(us, j, t) { return j + (isPair(t) ? 1 : 0); }

  function alnumAt(text, i) { return i >= 0 && i < text.length && isAlnum(text.charCodeAt(i)); }

  /* Where `word` (folded units with no gap) occurs in `folded` as whole units, added to `hits`
   * as [offset, end]: a substring search, so a letter or digit may not continue it either side */
  function literalHits(folded, word, hits) {
    var open = isAlnum(word.charCodeAt(0));
    var close = isAlnum(word.charCodeAt(word.length - 1));
    for (var at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) {
      var end = at + word.length;
      if (!(open && alnumAt(folded, at - 1)) && !(close && alnumAt(folded, end))) hits.push([at, end]);
    }
    return hits;
  }

  /* Where each group's phrase occurs in `text` (or its loose terms do): [offset, end] ranges,
   * in text order. fold() keeps the length, so offsets in the folded text are offsets in `text`. */
  function phraseHits(text, group, loose, folded) {
    folded = folded || fold(text);
    var hits = [];
    if (loose) {
      group.loose.forEach(function (t) { literalHits(folded, t, hits); });
    } else if (group.literal !== null) {
      literalHits(folded, group.literal, hits);
    } else {
      return gappedHits(foldedUnits(folded), group);
    }
    return hits.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
  }
  search.phraseHits = phraseHits;

  /* phraseHits of a phrase with gaps (a quoted "U 盘"): its terms at the right unit positions */
  function gappedHits(us, group) {
    var hits = [];
    var i;
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

  /* Can `group` have a hit in `folded` text? Every term of a phrase (any loose term) must
   * occur in it as a substring: text lacking one is passed over without cutting it into units */
  function mayHit(folded, group, loose) {
    if (loose) return group.loose.some(function (t) { return folded.indexOf(t) >= 0; });
    return group.terms.every(function (t) { return folded.indexOf(t[0]) >= 0; });
  }

  /* Is `group` matched word by word? `loose` is true, false or 'partial' (then every group
   * but a quoted one is: quotes still rule among partial matches) */
  function looseFor(group, loose) { return loose === 'partial' ? !group.quoted : !!loose; }
  search.looseFor = looseFor;

  /* phraseHits of every group in `text`: [hits per group] */
  function groupHits(text, parsed, loose) {
    var folded = fold(text);
    return parsed.groups.map(function (g) {
      var wordwise = looseFor(g, loose);
      return mayHit(folded, g, wordwise) ? phraseHits(text, g, wordwise, folded) : [];
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
    // A partial match needs only its quoted phrases; other matches every group
    var needed = allFound.filter(function (found, gi) { return loose !== 'partial' || parsed.groups[gi].quoted; });
    if (!needed.every(Boolean)) return null;
    return best || { score: 0, anchor: '', heading: title, text: sections[0] ? sections[0][2] : '', hits: [] };
  }

  /* Every term a parsed query looks up, each once: its phrases' and exclusions' terms, or
   * (`loose`) the words of the loose fallback, needed only when no phrase is found */
  function queryTerms(parsed, loose) {
    var terms = [];
    function add(t) { if (terms.indexOf(t) < 0) terms.push(t); }
    if (loose) {
      parsed.groups.forEach(function (g) { g.loose.forEach(add); });
    } else {
      parsed.groups.concat(parsed.exclude).forEach(function (g) {
        g.terms.forEach(function (t) { add(t[0]); });
      });
    }
    return terms;
  }

  /* Start loading the shards a query will need (the search box calls this while the member
   * is still typing, so that run() finds them loaded or on their way) */
  function prefetch(query) {
    return loadManifest().then(function () { return loadShards(queryTerms(parse(query))); });
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
    return loadManifest().then(function () {
      // Parse once the manifest has brought the Traditional→Simplified table
      parsed = parse(query);
      return postings(queryTerms(parsed));
    }).then(function (lists) {
      if (!parsed.groups.length) return { results: [], loose: false, total: 0 };
      // Several terms of one phrase may each be in a page without being adjacent: check the text
      var needsCheck = parsed.groups.some(function (g) { return g.terms.length > 1; });
      // Nothing adjacent: look for the words one by one, unless that is the same search
      var canLoosen = parsed.groups.some(function (g) {
        return g.loose.join(' ') !== g.terms.map(function (t) { return t[0]; }).join(' ');
      });
      var cap = Math.max(limit * 6, 60);
      var strict = candidates(parsed, lists, 'strict', cap);
      // (for Chinese phrases the loose words are among the phrase's terms, already loaded)
      var words = function () {
        return postings(queryTerms(parsed, true)).then(function (more) {
          Object.keys(more).forEach(function (t) { lists[t] = more[t]; });
        });
      };
      return collect(strict, parsed, false, limit, needsCheck, early).then(function (found) {
        if (found.results.length || !canLoosen) return found;
        return words().then(function () {
          return collect(candidates(parsed, lists, 'loose', cap), parsed, true, limit, false, early);
        });
      }).then(function (found) {
        // Few pages hold the whole query: pages holding most of its words follow them
        if (found.results.length >= Math.min(limit, FEW) || !canPartial(parsed)) return found;
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
    var part = partialCandidates(parsed, lists, skip, cap, found.results.length > 0);
    found.partly = part.count;
    if (!part.count) return found;
    var verify = parsed.groups.some(function (g) { return g.quoted && g.terms.length > 1; });
    return collect(part, parsed, 'partial', limit - found.results.length, verify, null).then(function (more) {
      more.results.forEach(function (r) { r.partly = true; });
      found.results = found.results.concat(more.results);
      return found;
    });
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

  function wordLength(t) { return isPair(t) ? 2 : 1; }

  /* Can a page hold part of the query? Two words at least, one longer than a character */
  function canPartial(parsed) {
    var words = partialWords(parsed);
    return words.length > 1 && words.some(function (w) { return wordLength(w) > 1; });
  }

  /* Which units of the query (its unquoted groups, numbered across groups) each word covers */
  function coverage(parsed, words) {
    var covers = words.map(function () { return []; });
    var slots = 0;
    parsed.groups.forEach(function (g) {
      if (g.quoted) return;
      var us = units(g.text).map(function (u) { return u[0]; });
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
    var n = state.manifest.pages;
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

  /* ---------- no result: 「您是不是要找」 ---------- */
  dj.registerSearchSuggest = function (data) { state.suggest = data; };

  function loadSuggest() {
    if (state.suggest) return Promise.resolve(state.suggest);
    return dj.loadScript(BASE + 'suggest.js').then(function () { return state.suggest; });
  }

  /* character → its toneless syllable, from the build's syllable → characters table */
  var sounds = null;
  function soundOf(c) {
    if (!sounds) {
      sounds = {};
      var table = state.suggest.pinyin;
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

  /* Titles within one or two characters of the query (one per three characters typed, at most
   * two; none for a single character), nearest first, and the site's topics */
  function suggest(query) {
    return loadSuggest().then(function (data) {
      var typed = units(query).map(function (u) { return u[0]; });
      var most = Math.min(2, Math.floor(typed.length / 3));
      var titles = [];
      if (typed.length > 1) {
        data.titles.forEach(function (t) {
          var distance = nearness(typed, units(t[0]).map(function (u) { return u[0]; }));
          if (distance <= most) titles.push({ title: t[0], url: t[1], distance: distance });
        });
      }
      titles.sort(function (x, y) {
        return x.distance - y.distance || x.title.length - y.title.length || (x.title < y.title ? -1 : 1);
      });
      return {
        titles: titles.slice(0, 5),
        topics: data.topics.map(function (t) { return { title: t[0], url: t[1] }; })
      };
    });
  }
  search.suggest = suggest;

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
        return pageText(c.id).then(function (page) {
          checked[i] = page ? { page: page, match: matchPage(page, parsed, loose) } : {};
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
