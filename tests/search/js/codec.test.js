/* The JavaScript postings decoder and shard hash agree with the Python index writer on the
 * shared fixtures: each encoded string decodes to the pages and weights it was written from. */
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { loadEngine, fixture } = require('./harness');

const dj = loadEngine();
dj.search.load(); // the codec's alphabet comes with the (fixture index's) manifest

for (const c of fixture('postings.json').cases) {
  test('decode: ' + c.about, () => {
    const found = dj.search.decode(c.encoded, c.unweighted, c.pages);
    assert.deepStrictEqual(Array.from(found.ids), c.postings.map((p) => p[0]));
    assert.strictEqual(found.size, c.postings.length);
    // at[id]: weight code + 1 (a single CJK character has the middle weight 8); 0 elsewhere
    const at = new Array(c.pages).fill(0);
    for (const [id, weight] of c.postings) at[id] = 1 + (c.unweighted ? 8 : weight);
    assert.deepStrictEqual(Array.from(found.at), at);
  });
}

test('bucket: every term of the shared fixture falls in the same shard', () => {
  const cases = fixture('bucket.json').cases;
  assert.ok(cases.length >= 50);
  for (const c of cases) assert.strictEqual(dj.search.bucket(c.term, c.buckets), c.shard, c.term + '/' + c.buckets);
});
