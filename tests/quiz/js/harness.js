/* Loads quiz-core.js into a fresh sandbox, as the browser would a classic script, with an
 * in-memory dangjian.storage and a loadScript that reads compiled banks from a folder.
 * The constants come from the shared fixture that pytest checks against the build. */
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CORE = path.join(ROOT, 'theme', 'assets', 'dangjian', 'quiz-core.js');
const FIXTURE = path.join(ROOT, 'tests', 'quiz', 'fixtures', 'codec.json');

function codecFixture() {
  return JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
}

/* Values made in the sandbox have its own Array/Object prototypes: compare them as JSON */
function plain(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/* dj with quiz-core.js loaded; `scripts` maps a script path to the data it registers */
function loadQuiz(options) {
  const opts = options || {};
  const sandbox = { window: {}, atob, TextDecoder, console };
  vm.createContext(sandbox);
  const dj = sandbox.window.dangjian = {};
  const saved = {};
  dj.site = 'test-site';
  dj.today = () => opts.today || '2026-11-30';
  dj.storage = {
    get: (key, fallback) => (Object.prototype.hasOwnProperty.call(saved, key) ? JSON.parse(saved[key]) : fallback),
    set: (key, value) => { saved[key] = JSON.stringify(value); }
  };
  dj.loaded = [];
  const scripts = Object.assign({
    'assets/dangjian/quiz/catalogue.js': ['registerCatalogue', { banks: [], constants: codecFixture().constants }]
  }, opts.scripts || {});
  const loading = {};
  // Like dangjian.js: each script is requested once; `loaded` lists the requests
  dj.loadScript = (file) => {
    if (loading[file]) return loading[file];
    dj.loaded.push(file);
    if (!scripts[file]) return Promise.reject(new Error('无法加载 ' + file));
    const [fn, data] = scripts[file];
    vm.runInContext('window.dangjian.' + fn + '(' + JSON.stringify(data) + ');', sandbox);
    loading[file] = Promise.resolve();
    return loading[file];
  };
  vm.runInContext(fs.readFileSync(CORE, 'utf8'), sandbox, { filename: CORE });
  if (opts.constants !== false) {
    vm.runInContext('window.dangjian.quiz.useConstants(' + JSON.stringify(codecFixture().constants) + ');', sandbox);
  }
  return dj;
}

/* The fixture's questions as one compiled bank (the build's shape: id, type, score, k, a) */
function fixtureBank(score) {
  const cases = codecFixture().cases;
  return {
    id: cases[0].bank,
    shuffle: true,
    questions: cases.map((c) => ({
      id: c.id, type: c.type, k: c.k, a: c.a, score: score === undefined ? 1 : score,
      options: c.type === 'single' || c.type === 'multiple'
        ? ['A', 'B', 'C', 'D'].map((key) => ({ key: key, html: key })) : undefined
    }))
  };
}

module.exports = { loadQuiz, codecFixture, fixtureBank, plain };
