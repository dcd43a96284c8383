/* dangjian search, the index in the browser: loading the manifest, term shards and text chunks
 * on demand, the shard hash and the postings codec, twins of plugins/dangjian/search/index.py
 * (tests/search/fixtures/bucket.json and postings.json hold both to the same results).
 * Classic script, ES2017, no fetch/XHR/worker/WASM: data arrives as scripts that call
 * dangjian.registerSearch…(), so it works from file:// as well as http://.
 * Adds dangjian.search.state, load, loadData, bucket, setCodec, decode, postings, loadShards, page. */
(function () {
  'use strict';

  var dj = window.dangjian = window.dangjian || {};
  var search = dj.search = dj.search || {};
  var BASE = 'assets/dangjian/search/';

  var state = { manifest: null, shards: {}, chunks: {} };
  search.state = state;

  dj.registerSearchShard = function (id, terms) { state.shards[id] = terms; };
  dj.registerSearchChunk = function (id, pages) { state.chunks[id] = pages; };

  /* Load one file of the index (a classic script calling dangjian.registerSearch…) */
  function loadData(name) { return dj.loadScript(BASE + name); }
  search.loadData = loadData;

  /* The manifest; search-engine.js registers it and hands its constants to each piece */
  function loadManifest() {
    if (state.manifest) return Promise.resolve(state.manifest);
    return loadData('manifest.js').then(function () { return state.manifest; });
  }
  search.load = loadManifest;

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

  /* DIGIT maps a character of the codec alphabet (from the manifest) to its value */
  var DIGIT = new Uint8Array(128);
  function setCodec(manifest) {
    var alphabet = manifest.alphabet;
    for (var a = 0; a < alphabet.length; a++) DIGIT[alphabet.charCodeAt(a)] = a;
  }
  search.setCodec = setCodec;

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

  /* Load the shards holding `terms`, all at once */
  function loadShards(terms) {
    var m = state.manifest;
    var ids = {};
    terms.forEach(function (t) { ids[bucket(t, m.buckets)] = true; });
    return Promise.all(Object.keys(ids).sort().map(function (id) {
      return loadData('t-' + id + '.js');
    }));
  }
  search.loadShards = loadShards;

  /* {term: decoded postings} of `terms`, loading their shards first */
  var postingsCache = {};
  function postings(terms) {
    var m = state.manifest;
    return loadShards(terms).then(function () {
      var result = {};
      terms.forEach(function (t) {
        if (!postingsCache[t]) {
          var shard = state.shards[bucket(t, m.buckets)] || {};
          var text = Object.prototype.hasOwnProperty.call(shard, t) ? shard[t] : '';
          postingsCache[t] = decode(text, t.length === 1 && search.tokenizer.startsCjk(t), m.pages);
        }
        result[t] = postingsCache[t];
      });
      return result;
    });
  }
  search.postings = postings;

  function chunkOf(pageId) { return Math.floor(pageId / state.manifest.chunk); }

  /* The record of one page: [id, url, title, kind, date, sections] */
  function pageText(pageId) {
    var id = chunkOf(pageId);
    return loadData('c-' + id.toString(16) + '.js').then(function () {
      var pages = state.chunks[id.toString(16)] || [];
      return pages[pageId - id * state.manifest.chunk];
    });
  }
  search.page = pageText;
})();
