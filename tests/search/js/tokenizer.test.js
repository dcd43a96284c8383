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
