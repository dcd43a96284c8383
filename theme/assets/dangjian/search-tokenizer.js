/* dangjian search, the tokenizer: the twin of plugins/dangjian/search/tokenizer.py, held to the
 * same cuts by tests/search/fixtures/tokens.json. Which characters are CJK and the
 * Traditional→Simplified pairs arrive with the search manifest (configure()): they are
 * written only in Python. Adds dangjian.search.tokenizer. */
(function () {
  'use strict';

  var dj = window.dangjian = window.dangjian || {};
  var search = dj.search = dj.search || {};

  // KIND[code] of a UTF-16 unit of folded text: a CJK character, a letter or digit, or other
  // (a gap). Set by configure(): until the manifest arrives the tokenizer cannot cut text.
  var GAP = 0;
  var CJK = 1;
  var ALNUM = 2;
  var KIND = null;

  function setCjk(ranges) {
    KIND = new Uint8Array(65536);
    ranges.forEach(function (range) { KIND.fill(CJK, range[0], range[1] + 1); });
    KIND.fill(ALNUM, 0x30, 0x3a);
    KIND.fill(ALNUM, 0x61, 0x7b);
  }

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

  /* The manifest's constants: its CJK ranges and its Traditional→Simplified pairs */
  function configure(manifest) {
    setCjk(manifest.cjk);
    setTable(manifest.fold || '');
  }

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

  function isCjk(code) { return KIND[code] === CJK; }

  function isAlnum(code) { return KIND[code] === ALNUM; }

  /* Does `t` start with a CJK character? */
  function startsCjk(t) { return t.length > 0 && isCjk(t.charCodeAt(0)); }

  /* units() of text already folded: a loop over char codes, the engine's hottest path */
  function foldedUnits(folded) {
    if (!KIND) throw new Error('dangjian.search: the tokenizer needs the search manifest first');
    var result = [];
    var pos = 0;
    var i = 0;
    var n = folded.length;
    while (i < n) {
      var kind = KIND[folded.charCodeAt(i)];
      var j = i + 1;
      if (kind === CJK) {
        result.push([folded[i], pos, i, 1]);
      } else if (kind === ALNUM) {
        while (j < n && KIND[folded.charCodeAt(j)] === ALNUM) j++;
        result.push([folded.slice(i, j), pos, i, j - i]);
      } else {
        while (j < n && KIND[folded.charCodeAt(j)] === GAP) j++;
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

  function bothCjk(unit, following) { return startsCjk(unit) && startsCjk(following); }

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
      var end = t[1] + (t[0].length === 2 && startsCjk(t[0]) ? 2 : 1);
      var lastOfRun = index + 1 === terms.length || terms[index + 1][1] !== t[1] + 1;
      if (t[1] >= lastEnd || lastOfRun) {
        if (kept.indexOf(t[0]) < 0) kept.push(t[0]);
        lastEnd = end;
      }
    });
    return kept;
  }

  /* The folded string a phrase is when its units follow one another with nothing between
   * them (then finding the phrase is a substring search); null when a gap separates two */
  function literal(text) {
    var us = units(text);
    for (var i = 1; i < us.length; i++) if (us[i][1] !== us[i - 1][1] + 1) return null;
    return us.map(function (u) { return u[0]; }).join('');
  }

  /* Is the term `t` a pair of units (党建, 921工, u盘)? A single unit is one CJK character or a
   * word of letters and digits only */
  function isPair(t) {
    if (t.length < 2) return false;
    for (var i = 0; i < t.length; i++) if (isCjk(t.charCodeAt(i))) return true;
    return false;
  }

  search.tokenizer = { configure: configure, setTable: setTable, fold: fold, units: units,
    foldedUnits: foldedUnits, tokens: tokens, phraseTerms: phraseTerms, looseTerms: looseTerms,
    literal: literal, isCjk: isCjk, isAlnum: isAlnum, startsCjk: startsCjk, isPair: isPair };
})();
