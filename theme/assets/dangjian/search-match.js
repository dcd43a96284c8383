/* dangjian search, matching in the page text: where a phrase (or the words of a loose match)
 * occurs in a page's title, headings and sections, which proves a candidate the index found
 * and gives the section a result points at and the characters it highlights.
 * Adds dangjian.search.phraseHits, looseFor and matchPage. */
(function () {
  'use strict';

  var dj = window.dangjian = window.dangjian || {};
  var search = dj.search = dj.search || {};

  /* Does the term `t` start at unit j? (pairs need the next unit adjacent) */
  function startsAt(us, j, t) {
    var u = us[j];
    if (!u) return false;
    if (search.tokenizer.isPair(t)) {
      var next = us[j + 1];
      return !!next && next[1] === u[1] + 1 && u[0] + next[0] === t;
    }
    return u[0] === t;
  }

  function termEnd(us, j, t) { return j + (search.tokenizer.isPair(t) ? 1 : 0); }

  function alnumAt(text, i) { return i >= 0 && i < text.length && search.tokenizer.isAlnum(text.charCodeAt(i)); }

  /* Where `word` (folded units with no gap) occurs in `folded` as whole units, added to `hits`
   * as [offset, end]: a substring search, so a letter or digit may not continue it either side */
  function literalHits(folded, word, hits) {
    var open = search.tokenizer.isAlnum(word.charCodeAt(0));
    var close = search.tokenizer.isAlnum(word.charCodeAt(word.length - 1));
    for (var at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) {
      var end = at + word.length;
      if (!(open && alnumAt(folded, at - 1)) && !(close && alnumAt(folded, end))) hits.push([at, end]);
    }
    return hits;
  }

  /* Where each group's phrase occurs in `text` (or its loose terms do): [offset, end] ranges,
   * in text order. fold() keeps the length, so offsets in the folded text are offsets in `text`. */
  function phraseHits(text, group, loose, folded) {
    var tk = search.tokenizer;
    folded = folded || tk.fold(text);
    var hits = [];
    if (loose) {
      group.loose.forEach(function (t) { literalHits(folded, t, hits); });
    } else if (group.literal !== null) {
      literalHits(folded, group.literal, hits);
    } else {
      return gappedHits(tk.foldedUnits(folded), group);
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
    var folded = search.tokenizer.fold(text);
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
  search.matchPage = matchPage;
})();
