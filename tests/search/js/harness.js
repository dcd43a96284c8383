/* Loads search-engine.js into a fresh sandbox with a file-reading loadScript, as the browser
 * would with classic scripts. Used by the node tests and by tests/search/test_engine.py. */
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ENGINE = path.join(ROOT, 'theme', 'assets', 'dangjian', 'search-engine.js');
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
  vm.runInContext(fs.readFileSync(ENGINE, 'utf8'), sandbox, { filename: ENGINE });
  return dj;
}

function foldPairs() {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'fold.json'), 'utf8')).pairs;
}

module.exports = { loadEngine, foldPairs, FIXTURES };

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
