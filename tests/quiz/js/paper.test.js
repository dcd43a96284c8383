/* Constants from the catalogue, loading banks, seeded random papers and their shareable
 * addresses (quiz-core.js). */
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { loadQuiz, codecFixture, fixtureBank, plain } = require('./harness');

const constants = codecFixture().constants;

test('types, names, letters and judge words come from the catalogue the build wrote', async () => {
  const dj = loadQuiz({ constants: false });
  assert.deepStrictEqual(plain(dj.quiz.TYPES), []);
  await dj.quiz.catalogue();
  assert.deepStrictEqual(plain(dj.quiz.TYPES), constants.types.map((pair) => pair[0]));
  assert.deepStrictEqual(plain(dj.quiz.TYPE_NAMES), Object.fromEntries(constants.types));
  assert.strictEqual(dj.quiz.LETTERS, constants.letters);
  assert.deepStrictEqual(plain(dj.quiz.JUDGE_NAMES), constants.judge);
  assert.strictEqual(dj.quiz.DEFAULT_SCORE, constants.score);
});

test('loading a bank loads the catalogue with it, each script once', async () => {
  const bank = fixtureBank();
  const dj = loadQuiz({ constants: false, scripts: { 'assets/dangjian/quiz/codec-bank_1.js': ['registerBank', bank] } });
  const loaded = await dj.quiz.bank(bank.id);
  assert.strictEqual(loaded.id, bank.id);
  assert.strictEqual(dj.quiz.TYPE_NAMES.single, '单选');
  await dj.quiz.banks([bank.id]);
  assert.deepStrictEqual(plain(dj.loaded).sort(), ['assets/dangjian/quiz/catalogue.js', 'assets/dangjian/quiz/codec-bank_1.js']);
});

test('a bank script that registers nothing is an error in Chinese', async () => {
  const dj = loadQuiz({ scripts: { 'assets/dangjian/quiz/empty.js': ['registerBank', { id: 'other' }] } });
  await assert.rejects(dj.quiz.bank('empty'), /题库 empty 没有内容/);
  await assert.rejects(dj.quiz.bank('missing'), /无法加载/);
});

test('random: the same seed gives the same numbers, in [0, 1)', () => {
  const quiz = loadQuiz().quiz;
  const a = quiz.random('123456');
  const b = quiz.random(123456);
  const c = quiz.random('123457');
  const first = Array.from({ length: 50 }, () => a());
  assert.deepStrictEqual(Array.from({ length: 50 }, () => b()), first);
  assert.notDeepStrictEqual(Array.from({ length: 50 }, () => c()), first);
  assert.ok(first.every((x) => x >= 0 && x < 1));
  assert.ok(new Set(first).size > 45);
});

test('shuffle keeps every element and leaves the list alone', () => {
  const quiz = loadQuiz().quiz;
  const list = [1, 2, 3, 4, 5, 6, 7, 8];
  const mixed = plain(quiz.shuffle(list, quiz.random('x')));
  assert.deepStrictEqual(list, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepStrictEqual(mixed.slice().sort(), list);
  assert.notDeepStrictEqual(mixed, list);
});

test('paper without a draw: every question in file order, options as written', () => {
  const quiz = loadQuiz().quiz;
  const bank = fixtureBank();
  const paper = quiz.paper([bank], { shuffleOptions: false });
  assert.deepStrictEqual(plain(paper.map((item) => item.q.id)), bank.questions.map((q) => q.id));
  assert.ok(paper.every((item) => item.bank === bank.id));
  assert.deepStrictEqual(plain(paper[0].options), plain(bank.questions[0].options));
});

test('paper draw: so many of each type, grouped in the catalogue\'s type order, same for the same seed', () => {
  const quiz = loadQuiz().quiz;
  const bank = fixtureBank();
  const draw = { fill: 2, single: 1, judge: 5, multiple: 0 };
  const paper = quiz.paper([bank], { draw: draw, seed: '2026' });
  assert.deepStrictEqual(plain(paper.map((item) => item.q.type)), ['single', 'judge', 'judge', 'judge', 'fill', 'fill']);
  assert.deepStrictEqual(plain(quiz.paper([bank], { draw: draw, seed: '2026' }).map((i) => i.q.id)), plain(paper.map((i) => i.q.id)));
  const seeds = new Set(['1', '2', '3', '4', '5', '6'].map((s) => quiz.paper([bank], { draw: draw, seed: s }).map((i) => i.q.id).join()));
  assert.ok(seeds.size > 1, 'different seeds draw different papers');
});

test('paper count: that many of any type, sorted by type', () => {
  const quiz = loadQuiz().quiz;
  const bank = fixtureBank();
  const paper = quiz.paper([bank], { count: 7, seed: 'abc' });
  assert.strictEqual(paper.length, 7);
  const order = plain(paper.map((item) => quiz.TYPES.indexOf(item.q.type)));
  assert.deepStrictEqual(order, order.slice().sort());
});

test('options are shuffled only when asked and the bank allows it', () => {
  const quiz = loadQuiz().quiz;
  const bank = fixtureBank();
  bank.questions.forEach((q) => { if (q.options) q.options = 'ABCDEFGH'.split('').map((key) => ({ key: key, html: key })); });
  const keys = (paper) => paper.filter((i) => i.options.length).map((i) => i.options.map((o) => o.key).join('')).join();
  const written = keys(quiz.paper([bank], {}));
  assert.notStrictEqual(keys(quiz.paper([bank], { shuffleOptions: true, seed: 1 })), written);
  bank.shuffle = false;
  assert.strictEqual(keys(quiz.paper([bank], { shuffleOptions: true, seed: 1 })), written);
});

test('drawCount keeps the number between 0 and what the banks have', () => {
  const quiz = loadQuiz().quiz;
  assert.strictEqual(quiz.drawCount('3', '5'), 3);
  assert.strictEqual(quiz.drawCount('9', '5'), 5);
  assert.strictEqual(quiz.drawCount('-2', '5'), 0);
  assert.strictEqual(quiz.drawCount('', '5'), 0);
  assert.strictEqual(quiz.drawCount('abc', '5'), 0);
  assert.strictEqual(quiz.drawCount('2.7', '5'), 2);
});

test('a paper\'s address lists seed, banks, each type and mode, and reads back', () => {
  const quiz = loadQuiz().quiz;
  const hash = quiz.paperHash('第1期', ['a', 'b-c'], { single: 5, multiple: 0, judge: 2, fill: 1 }, 'exam');
  assert.strictEqual(hash, '#seed=' + encodeURIComponent('第1期') + '&banks=a,b-c&single=5&multiple=0&judge=2&fill=1&mode=exam');
  assert.deepStrictEqual(plain(quiz.readPaperHash(hash)), { seed: '第1期', banks: 'a,b-c', single: '5', multiple: '0', judge: '2', fill: '1', mode: 'exam' });
  assert.deepStrictEqual(plain(quiz.readPaperHash(hash.slice(1))), plain(quiz.readPaperHash(hash)));
});

test('an address without a seed is no paper', () => {
  const quiz = loadQuiz().quiz;
  assert.strictEqual(quiz.readPaperHash(''), null);
  assert.strictEqual(quiz.readPaperHash(undefined), null);
  assert.strictEqual(quiz.readPaperHash('#banks=a&single=3'), null);
  assert.strictEqual(quiz.readPaperHash('#seed=&banks=a'), null);
  assert.deepStrictEqual(plain(quiz.readPaperHash('#seed=7&junk&x=1=2')), { seed: '7' });
});
