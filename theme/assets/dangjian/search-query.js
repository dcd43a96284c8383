/* dangjian search, queries as members type them: space-separated terms that must all match,
 * "quoted phrases" and -exclusions. The twin of plugins/dangjian/search/query.py, held to the
 * same parse by tests/search/fixtures/query.json. Adds dangjian.search.parse and queryTerms. */
(function () {
  'use strict';

  var dj = window.dangjian = window.dangjian || {};
  var search = dj.search = dj.search || {};

  /* {groups, exclude}: each group {text, terms, loose, literal, quoted}, `terms` the phrase's
   * terms with relative positions, `loose` the words of its loose match */
  function parse(query) {
    var tk = search.tokenizer;
    var groups = [];
    var exclude = [];
    var re = /(-?)"([^"]*)"?|(-?)(\S+)/g;
    var m;
    var q = String(query).replace(/[\u201c\u201d\uff02]/g, '"').replace(/\u3000/g, ' ');
    while ((m = re.exec(q)) !== null) {
      var negative = (m[1] || m[3]) === '-' || m[0][0] === '\uff0d';
      var text = m[2] !== undefined ? m[2] : m[4];
      var terms = tk.phraseTerms(text);
      if (!terms.length) continue;
      var group = { text: text, terms: terms, loose: tk.looseTerms(text), literal: tk.literal(text), quoted: m[2] !== undefined };
      (negative ? exclude : groups).push(group);
    }
    return { groups: groups, exclude: exclude };
  }
  search.parse = parse;

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
  search.queryTerms = queryTerms;
})();
