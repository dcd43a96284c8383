/* Ranking, phrases, AND, exclusion and loose fallback on the small fixture index. */
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { loadEngine } = require('./harness');

async function run(query) {
  const dj = loadEngine();
  const found = await dj.search.run(query, { limit: 10 });
  return { urls: JSON.parse(JSON.stringify(found.results.map((r) => r.url))), found: JSON.parse(JSON.stringify(found)), dj };
}

test('a phrase needs its characters adjacent', async () => {
  const { urls, found } = await run('党建平台');
  assert.deepStrictEqual(urls, ['pingtai.html']);
  assert.strictEqual(found.loose, false);
});

test('space-separated terms must all match, anywhere in the page', async () => {
  const { urls } = await run('党建 平台');
  assert.deepStrictEqual(urls.slice().sort(), ['jianshe.html', 'pingtai.html']);
});

test('-word excludes pages', async () => {
  const { urls } = await run('平台 -智慧');
  assert.deepStrictEqual(urls, ['jianshe.html']);
});

test('no adjacent match: loose matches with a flag', async () => {
  const { urls, found } = await run('党建工作平台');
  assert.strictEqual(found.loose, true);
  assert.deepStrictEqual(urls.slice().sort(), ['jianshe.html', 'pingtai.html']);
});

test('nothing matches: no filler results', async () => {
  for (const q of ['红烧肉菜谱', '量子计算机', 'iphone']) {
    const { urls } = await run(q);
    assert.deepStrictEqual(urls, [], q);
  }
});

test('traditional characters find simplified text', async () => {
  const { urls } = await run('黨章');
  assert.deepStrictEqual(urls, ['dangzhang-new.html', 'dangzhang-old.html']);
});

test('equal scores: the newer page first', async () => {
  const { found } = await run('根本大法');
  assert.deepStrictEqual(found.results.map((r) => r.url), ['dangzhang-new.html', 'dangzhang-old.html']);
});

test('mixed digits, Latin and Chinese match as one phrase', async () => {
  assert.deepStrictEqual((await run('921工程')).urls, ['dangfei.html']);
  assert.deepStrictEqual((await run('U盘')).urls, ['dangfei.html']);
  assert.deepStrictEqual((await run('ｕ盘')).urls, ['dangfei.html']);
  assert.deepStrictEqual((await run('1921年')).urls, ['yida.html']);
  const apart = await run('1921月');
  assert.strictEqual(apart.found.loose, true, '1921 and 月 are not adjacent in 1921年7月');
});

test('title beats body', async () => {
  const { urls } = await run('指南');
  assert.deepStrictEqual(urls, ['pingtai.html', 'yida.html']);
});

test('quoted phrase', async () => {
  assert.deepStrictEqual((await run('"智慧党建"')).urls, ['pingtai.html']);
  assert.deepStrictEqual((await run('“党建平台”')).urls, ['pingtai.html']);
});

test('results point at the section and its matched characters', async () => {
  const { found } = await run('U盘');
  const r = found.results[0];
  assert.strictEqual(r.anchor, 'baomi');
  assert.strictEqual(r.heading, '二、注意事项');
  assert.deepStrictEqual(r.hits.map((h) => r.text.slice(h[0], h[1])), ['U盘']);
});

test('a query loads only its shards and the chunks of shown results', async () => {
  const { dj } = await run('党章');
  assert.deepStrictEqual(dj.loaded.filter((f) => f.startsWith('t-')).length, 1);
  assert.ok(dj.loaded.includes('manifest.js'));
});

test('prefetch loads the shards a query needs and no text', async () => {
  const dj = loadEngine();
  await dj.search.prefetch('全面从严治党');
  const shards = dj.loaded.filter((f) => f.startsWith('t-')).sort();
  assert.ok(shards.length >= 1);
  assert.ok(!dj.loaded.some((f) => f.startsWith('c-')));
  dj.loaded.length = 0;
  await dj.search.run('全面从严治党', { limit: 10 });
  const again = [...new Set(dj.loaded.filter((f) => f.startsWith('t-')))].sort();
  assert.deepStrictEqual(again, shards);
});

test('postings decode: delta-coded ids and one weight char each', () => {
  const dj = loadEngine();
  const map = dj.search.decode('0AV3');
  assert.deepStrictEqual(JSON.parse(JSON.stringify([...map.entries()])), [[0, 10], [32, 3]]);
});
