/* Loads the search engine's pieces (theme/assets/dangjian/search-*.js) into a fresh sandbox with
 * a file-reading loadScript, as the browser would with classic scripts. Used by the node tests
 * and by tests/search/test_engine.py. */
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ASSETS = path.join(ROOT, 'theme', 'assets', 'dangjian');
// Every piece: they reach each other only when called, so any order loads them (the plugin
// lists them in the order of the Python modules; tests/search/test_plugin.py checks the list)
const PIECES = fs.readdirSync(ASSETS).filter((f) => /^search-.+\.js$/.test(f)).sort()
  .map((f) => path.join(ASSETS, f));
const FIXTURES = path.join(ROOT, 'tests', 'search', 'fixtures');

function loadEngine(indexDir) {
  const sandbox = { window: {}, console, Map, Math, Promise };
  vm.createContext(sandbox);
  sandbox.window.dangjian = {};
  sandbox.dangjian = sandbox.window.dangjian;
  const dj = sandbox.dangjian;
  dj.loaded = [];
  dj.loadScript = (file) => {
    const name = file.replace('assets/dangjian/search/', '');
    dj.loaded.push(name);
    const full = path.join(indexDir || path.join(FIXTURES, 'index'), name);
    if (!fs.existsSync(full)) return Promise.reject(new Error('missing ' + name));
    vm.runInContext(fs.readFileSync(full, 'utf8'), sandbox, { filename: full });
    return Promise.resolve();
  };
  for (const piece of PIECES) vm.runInContext(fs.readFileSync(piece, 'utf8'), sandbox, { filename: piece });
  return dj;
}

function foldPairs() {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'fold.json'), 'utf8')).pairs;
}

/* A fresh engine whose tokenizer knows the whole Traditional→Simplified table (a site's
 * manifest carries only the pairs its text needs) and the manifest's CJK ranges */
function loadTokenizer() {
  const dj = loadEngine();
  dj.search.load();  // the fixture's manifest.js runs at once: loadScript reads it synchronously
  dj.search.tokenizer.configure({ cjk: dj.search.state.manifest.cjk, fold: foldPairs() });
  return dj;
}

function fixture(name) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
}

module.exports = { loadEngine, loadTokenizer, foldPairs, fixture, FIXTURES, PIECES };

/* node harness.js <indexDir> <query>...: print results as JSON lines (for pytest) */
if (require.main === module) {
  const [indexDir, ...queries] = process.argv.slice(2);
  const dj = loadEngine(indexDir);
  (async () => {
    for (const q of queries) {
      const found = await dj.search.run(q, { limit: 10 });
      console.log(JSON.stringify({
        query: q, loose: found.loose, total: found.total,
        results: found.results.map((r) => ({ url: r.url, anchor: r.anchor, hits: r.hits, partly: !!r.partly }))
      }));
    }
  })();
}
