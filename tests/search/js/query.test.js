/* The JavaScript query parser parses the shared fixture exactly as the Python one does. */
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { loadTokenizer, fixture } = require('./harness');

const cases = fixture('query.json').cases;
const search = loadTokenizer().search;

/* The fields both parsers have: the browser's groups also carry `literal` and `quoted` */
function plain(groups) {
  return JSON.parse(JSON.stringify(groups.map((g) => ({ text: g.text, terms: g.terms, loose: g.loose }))));
}

test('fixture has cases', () => { assert.ok(cases.length >= 20); });

for (const c of cases) {
  test('parse of ' + JSON.stringify(c.query), () => {
    const parsed = search.parse(c.query);
    assert.deepStrictEqual(plain(parsed.groups), c.groups);
    assert.deepStrictEqual(plain(parsed.exclude), c.exclude);
  });
}
