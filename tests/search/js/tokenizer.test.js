/* The JavaScript tokenizer cuts the shared fixture exactly as the Python one does. */
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { loadTokenizer, FIXTURES } = require('./harness');

const cases = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'tokens.json'), 'utf8')).cases;
const tk = loadTokenizer().search.tokenizer;

test('fixture has cases', () => { assert.ok(cases.length >= 20); });

for (const c of cases) {
  test('tokens of ' + JSON.stringify(c.text), () => {
    assert.deepStrictEqual(JSON.parse(JSON.stringify(tk.tokens(c.text))), c.tokens);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(tk.phraseTerms(c.text))), c.phrase);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(tk.looseTerms(c.text))), c.loose);
  });
}

test('fold keeps the length so highlights map back to the text', () => {
  for (const c of cases) assert.strictEqual(tk.fold(c.text).length, c.text.length);
});

test('the CJK ranges come from the manifest, and nothing is cut before it arrives', () => {
  const { loadEngine } = require('./harness');
  const dj = loadEngine();
  assert.throws(() => dj.search.tokenizer.units('党建'), /manifest/);
  // A manifest without Extension A: 㐀 (U+3400) is then a gap, not a unit
  dj.search.tokenizer.configure({ cjk: [[0x4e00, 0x9fff]], fold: '' });
  assert.deepStrictEqual(JSON.parse(JSON.stringify(dj.search.tokenizer.units('党㐀建'))), [['党', 0, 0, 1], ['建', 2, 2, 1]]);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(tk.units('党㐀建'))).map((u) => u[0]), ['党', '㐀', '建']);
});
