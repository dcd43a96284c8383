/* Ranking, phrases, AND, exclusion and loose fallback on the small fixture index. */
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { loadEngine } = require('./harness');

/* urls: the pages holding the whole query; partly: the partial matches listed after them */
async function run(query) {
  const dj = loadEngine();
  const found = await dj.search.run(query, { limit: 10 });
  const urls = (partly) => JSON.parse(JSON.stringify(found.results.filter((r) => !r.partly === !partly).map((r) => r.url)));
  return { urls: urls(false), partly: urls(true), found: JSON.parse(JSON.stringify(found)), dj };
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
  assert.deepStrictEqual(urls, ['dangzhang-new.html', 'dangzhang-old.html', 'guide.html']);
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

test('postings decode: delta-coded ids and one weight char each', async () => {
  const dj = loadEngine();
  await dj.search.load(); // the codec's alphabet comes with the manifest
  const postings = dj.search.decode('0AV3', false, 40);
  assert.strictEqual(postings.size, 2);
  assert.deepStrictEqual(Array.from(postings.ids), [0, 32]);
  assert.deepStrictEqual([postings.at[0], postings.at[32], postings.at[1]], [11, 4, 0]);
  const chars = dj.search.decode('01', true, 4);
  assert.deepStrictEqual(Array.from(chars.ids), [0, 2]);
  assert.deepStrictEqual(Array.from(chars.at), [9, 0, 9, 0]);
});

test('a phrase is found as whole units: digits and letters may not run on', async () => {
  const dj = loadEngine();
  await dj.search.load();
  const group = (q) => dj.search.parse(q).groups[0];
  const hits = (text, q) => JSON.parse(JSON.stringify(dj.search.phraseHits(text, group(q), false)));
  assert.deepStrictEqual(hits('谈论921工程', '921工程'), [[2, 7]]);
  assert.deepStrictEqual(hits('谈论1921工程', '921工程'), []);
  assert.deepStrictEqual(hits('个人Ｕ盘和u盘', 'U盘'), [[2, 4], [5, 7]]);
  assert.deepStrictEqual(hits('Uu盘', 'U盘'), []);
  assert.deepStrictEqual(hits('党建，平台', '党建平台'), []);
  assert.deepStrictEqual(hits('党党党', '党党'), [[0, 2], [1, 3]]);
});

test('substring search and the unit-by-unit check find the same phrase hits', async () => {
  const dj = loadEngine();
  await dj.search.load();
  // Texts and queries over a small alphabet, so that near misses are common
  const alphabet = ['党', '建', '平', '台', 'a', 'B', '1', '9', ' ', '，', 'Ｕ', '黨'];
  let seed = 20261126;
  const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const word = (n) => Array.from({ length: n }, () => alphabet[random(alphabet.length)]).join('');
  let compared = 0;
  for (let i = 0; i < 400; i++) {
    const text = word(40);
    const query = word(1 + random(4)).trim();
    const g = dj.search.parse('"' + query + '"').groups[0];
    if (!g || g.literal === null) continue;
    const bySubstring = dj.search.phraseHits(text, g, false);
    const byUnits = dj.search.phraseHits(text, Object.assign({}, g, { literal: null }), false);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(bySubstring)), JSON.parse(JSON.stringify(byUnits)), text + ' / ' + query);
    compared++;
  }
  assert.ok(compared > 200, 'compared ' + compared);
});

test('a quoted phrase with a gap is checked unit by unit', async () => {
  const dj = loadEngine();
  await dj.search.load();
  const g = dj.search.parse('"U 盘"').groups[0];
  assert.strictEqual(g.literal, null);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(dj.search.phraseHits('用U 盘拷贝', g, false))), [[1, 4]]);
});

test('partial: the head of the list is reported before the rest has loaded', async () => {
  const dj = loadEngine();
  const reports = [];
  const found = await dj.search.run('黨章', { limit: 10, first: 1, partial: (f) => reports.push(JSON.parse(JSON.stringify(f))) });
  assert.strictEqual(reports.length, 1);
  assert.strictEqual(reports[0].partial, true);
  assert.deepStrictEqual(reports[0].results.map((r) => r.url), ['dangzhang-new.html']);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(found.results.map((r) => r.url))), ['dangzhang-new.html', 'dangzhang-old.html', 'guide.html']);
});

test('partial: not reported when fewer results than the first screen exist', async () => {
  const dj = loadEngine();
  let reported = 0;
  const found = await dj.search.run('U盘', { limit: 10, first: 5, partial: () => reported++ });
  assert.strictEqual(found.results.length, 1);
  assert.strictEqual(reported, 0);
});

test('candidates: the best few of many, in the order a full sort gives, ties to the newer page', async () => {
  const dj = loadEngine();
  await dj.search.load();
  const pages = 300;
  dj.search.state.manifest.pages = pages;
  dj.search.state.manifest.editors = pages;
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/';
  // Every page holds 党建, with only four different weights: many equal scores
  let text = '';
  for (let id = 0; id < pages; id++) text += '0' + alphabet[1 + (id * 7) % 4];
  const lists = { 党建: dj.search.decode(text, false, pages) };
  const parsed = dj.search.parse('党建');
  const all = dj.search.candidates(parsed, lists, 'strict', pages);
  const top = dj.search.candidates(parsed, lists, 'strict', 12);
  assert.strictEqual(top.count, pages);
  assert.strictEqual(top.top.length, 12);
  const plain = (list) => list.map((c) => [c.id, c.score]);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(plain(top.top))), JSON.parse(JSON.stringify(plain(all.top.slice(0, 12)))));
  for (let i = 1; i < all.top.length; i++) {
    const [a, b] = [all.top[i - 1], all.top[i]];
    assert.ok(a.score > b.score || (a.score === b.score && a.id < b.id));
  }
});

test('a mixed phrase is proven by the index: U盘 looks up the one pair across the boundary', async () => {
  const dj = loadEngine();
  const found = await dj.search.run('U盘', { limit: 10 });
  assert.deepStrictEqual(JSON.parse(JSON.stringify(found.results.map((r) => r.url))), ['dangfei.html']);
  assert.strictEqual(dj.loaded.filter((f) => f.startsWith('t-')).length, 1);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(dj.search.parse('U盘').groups[0].terms)), [['u盘', 0]]);
});

test('postings decode: the bitmap form of a frequent term', async () => {
  const dj = loadEngine();
  await dj.search.load(); // the codec's alphabet comes with the manifest
  // pages 0, 2 and 7 of 8: bits 0 and 2 of the first character (5), bit 1 of the second (2)
  const weighted = dj.search.decode('!52ABC', false, 8);
  assert.deepStrictEqual(Array.from(weighted.ids), [0, 2, 7]);
  assert.deepStrictEqual(Array.from(weighted.at), [11, 0, 12, 0, 0, 0, 0, 13]);
  const chars = dj.search.decode('!52', true, 8);
  assert.deepStrictEqual(Array.from(chars.ids), [0, 2, 7]);
  assert.deepStrictEqual(Array.from(chars.at), [9, 0, 9, 0, 0, 0, 0, 9]);
});

test('the editors\' guide comes after every member\'s page, even with the query in its title', async () => {
  const { found } = await run('党章');
  assert.deepStrictEqual(found.results.map((r) => r.url), ['dangzhang-new.html', 'dangzhang-old.html', 'guide.html']);
  assert.strictEqual(found.results[2].kind, 'guide');
});

test('few whole matches: pages with most of the words follow, flagged and ranked by coverage', async () => {
  const { urls, partly } = await run('党建平台');
  assert.deepStrictEqual(urls, ['pingtai.html']);
  assert.deepStrictEqual(partly, ['jianshe.html']);
  // 党费 and 明细 are both in one page, 党费 alone in another: the fuller page first
  const two = await run('党费明细 党章');
  assert.deepStrictEqual(two.urls, []);
  assert.deepStrictEqual(two.partly.slice(0, 1), ['dangfei.html']);
});

test('partial matches keep exclusions and quoted phrases', async () => {
  assert.deepStrictEqual((await run('党建平台 -建设')).partly, []);
  assert.deepStrictEqual((await run('"智慧" 党建平台 管理')).partly, ['pingtai.html']);
  const quoted = await run('"网络" 党建平台 管理办法');
  assert.deepStrictEqual(quoted.urls, []);
  assert.deepStrictEqual(quoted.partly, ['jianshe.html']);
});

test('no page holds the whole query: one common word alone is no partial match', async () => {
  for (const q of ['党建菜谱', '红烧肉菜谱', '量子计算机']) {
    const { urls, partly } = await run(q);
    assert.deepStrictEqual([urls, partly], [[], []], q);
  }
});

test('no result: titles that look or sound like the query, nearest first, and the topics', async () => {
  const dj = loadEngine();
  await dj.search.load();
  // 章 and 张 are both zhang: 党张学习 sounds like the title 党章学习
  const offer = JSON.parse(JSON.stringify(await dj.search.suggest('党张学习')));
  assert.deepStrictEqual(offer.titles.map((t) => t.url), ['dangzhang-new.html', 'dangzhang-old.html']);
  assert.strictEqual(offer.titles[0].distance, 0);
  // One character wrong in eight (合 for 台): still near, inside the longer title
  const plain = async (q) => JSON.parse(JSON.stringify(await dj.search.suggest(q)));
  assert.deepStrictEqual((await plain('智慧党建平合使用')).titles.map((t) => t.url), ['pingtai.html']);
  assert.deepStrictEqual(offer.topics, [
    { title: '党章党规', url: 'study/dangzhang/index.html' },
    { title: '党史学习', url: 'study/dangshi/index.html' }
  ]);
  // Too far, or a single character: no title offered; the editors' guide is never offered
  assert.deepStrictEqual((await plain('红烧肉菜谱')).titles, []);
  assert.deepStrictEqual((await plain('党')).titles, []);
  assert.ok(!(await plain('党章学习资料的写法')).titles.some((t) => t.url === 'guide.html'));
});
