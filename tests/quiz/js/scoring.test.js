/* Grading and exam scoring (quiz-core.js): every question type, empty answers, all right, all
 * wrong, points with decimals, the percentage's rounding, the pass mark and the wrong list. */
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { loadQuiz, codecFixture, fixtureBank, plain } = require('./harness');

const cases = codecFixture().cases;
const quiz = loadQuiz().quiz;

function items(bank) { return bank.questions.map((q) => ({ bank: bank.id, q: q, options: q.options || [] })); }
const right = cases.map((c) => c.right);
const wrong = cases.map((c) => c.wrong);

test('single: only the one key is right', () => {
  assert.strictEqual(quiz.correct('single', ['B'], 'B'), true);
  assert.strictEqual(quiz.correct('single', ['B'], 'A'), false);
  assert.strictEqual(quiz.correct('single', ['B'], 'b'), false);
  assert.strictEqual(quiz.correct('single', ['A', 'B'], 'A'), false);
});

test('multiple: all keys in any order, no more and no fewer', () => {
  assert.strictEqual(quiz.correct('multiple', ['A', 'C'], ['C', 'A']), true);
  assert.strictEqual(quiz.correct('multiple', ['A', 'C'], ['A']), false);
  assert.strictEqual(quiz.correct('multiple', ['A', 'C'], ['A', 'B', 'C']), false);
  assert.strictEqual(quiz.correct('multiple', ['A', 'C'], []), false);
});

test('multiple: grading does not reorder the member\'s response', () => {
  const response = ['C', 'A'];
  quiz.correct('multiple', ['A', 'C'], response);
  assert.deepStrictEqual(response, ['C', 'A']);
});

test('judge: true and false, not their spellings', () => {
  assert.strictEqual(quiz.correct('judge', true, true), true);
  assert.strictEqual(quiz.correct('judge', false, false), true);
  assert.strictEqual(quiz.correct('judge', true, false), false);
  assert.strictEqual(quiz.correct('judge', true, 'true'), false);
});

test('fill: each blank matches one accepted text after normalising', () => {
  const answer = [['绿色'], ['共享', '分享']];
  assert.strictEqual(quiz.correct('fill', answer, ['绿色', '分享']), true);
  assert.strictEqual(quiz.correct('fill', answer, [' 绿色 ', '共享']), true);
  assert.strictEqual(quiz.correct('fill', answer, ['绿色', '']), false);
  assert.strictEqual(quiz.correct('fill', answer, ['绿色']), false);
  assert.strictEqual(quiz.correct('fill', answer, ['分享', '绿色']), false);
  assert.strictEqual(quiz.correct('fill', [['ＡＢＣ 党建']], ['abc   党建']), true);
});

test('normalize folds full-width forms, case and spaces', () => {
  assert.strictEqual(quiz.normalize('  ＡＢＣ１２３\u3000Ｘ  '), 'abc123 x');
  assert.strictEqual(quiz.normalize('Ｐａｒｔｙ\n\tＢｒａｎｃｈ'), 'party branch');
  assert.strictEqual(quiz.normalize(undefined), '');
  assert.strictEqual(quiz.normalize(null), '');
  assert.strictEqual(quiz.normalize(0), '0');
});

test('no response is never right, of any type', () => {
  for (const type of quiz.TYPES) {
    assert.strictEqual(quiz.correct(type, type === 'judge' ? false : [['x']], null), false, type);
    assert.strictEqual(quiz.correct(type, type === 'judge' ? false : [['x']], undefined), false, type);
  }
});

test('answered: what counts as an answer for each type', () => {
  assert.strictEqual(quiz.answered({ type: 'single' }, 'A'), true);
  assert.strictEqual(quiz.answered({ type: 'single' }, null), false);
  assert.strictEqual(quiz.answered({ type: 'multiple' }, []), false);
  assert.strictEqual(quiz.answered({ type: 'multiple' }, ['B']), true);
  assert.strictEqual(quiz.answered({ type: 'judge' }, false), true);
  assert.strictEqual(quiz.answered({ type: 'judge' }, undefined), false);
  assert.strictEqual(quiz.answered({ type: 'fill' }, ['', ' \u3000']), false);
  assert.strictEqual(quiz.answered({ type: 'fill' }, ['', 'x']), true);
});

test('all right: full marks, 100 percent, passed, nothing for the wrong-answer book', () => {
  const bank = fixtureBank();
  const result = quiz.score(items(bank), right, 60);
  assert.deepStrictEqual(plain(result.marks), cases.map(() => true));
  assert.strictEqual(result.score, cases.length);
  assert.strictEqual(result.total, cases.length);
  assert.strictEqual(result.percent, 100);
  assert.strictEqual(result.passed, true);
  assert.strictEqual(result.right, cases.length);
  assert.strictEqual(result.wrong.length, 0);
});

test('all wrong: nothing scored, failed, every question in the wrong list', () => {
  const bank = fixtureBank();
  const list = items(bank);
  const result = quiz.score(list, wrong, 60);
  assert.deepStrictEqual(plain(result.marks), cases.map(() => false));
  assert.strictEqual(result.score, 0);
  assert.strictEqual(result.percent, 0);
  assert.strictEqual(result.passed, false);
  assert.strictEqual(result.right, 0);
  assert.deepStrictEqual(result.wrong.map((item) => item.q.id), list.map((item) => item.q.id));
});

test('empty answers count as wrong and score nothing', () => {
  const bank = fixtureBank();
  const empty = cases.map((c) => (c.type === 'multiple' ? [] : c.type === 'fill' ? c.answer.map(() => '') : null));
  const result = quiz.score(items(bank), empty, 0);
  assert.strictEqual(result.score, 0);
  assert.strictEqual(result.right, 0);
  assert.strictEqual(result.wrong.length, cases.length);
  assert.strictEqual(result.passed, true, 'a pass mark of 0 is reached by 0');
});

test('each question scores its own points; wrong ones are listed in paper order', () => {
  const bank = fixtureBank();
  bank.questions.forEach((q, i) => { q.score = i + 1; });
  const responses = cases.map((c, i) => (i % 3 === 0 ? c.right : c.wrong));
  const result = quiz.score(items(bank), responses, 60);
  const total = cases.reduce((sum, c, i) => sum + i + 1, 0);
  const got = cases.reduce((sum, c, i) => sum + (i % 3 === 0 ? i + 1 : 0), 0);
  assert.strictEqual(result.total, total);
  assert.strictEqual(result.score, got);
  assert.strictEqual(result.percent, Math.round(got / total * 1000) / 10);
  assert.deepStrictEqual(result.wrong.map((item) => item.q.id), cases.filter((c, i) => i % 3 !== 0).map((c) => c.id));
});

test('percent is rounded to one decimal', () => {
  const bank = fixtureBank();
  const three = items(bank).slice(0, 3);
  const r = three.map((item, i) => cases[i].right);
  const w = three.map((item, i) => cases[i].wrong);
  assert.strictEqual(quiz.score(three, [r[0], w[1], w[2]], 60).percent, 33.3);
  assert.strictEqual(quiz.score(three, [r[0], r[1], w[2]], 60).percent, 66.7);
  const eight = items(bank).slice(0, 8);
  const oneOfEight = eight.map((item, i) => (i === 0 ? cases[i].right : cases[i].wrong));
  assert.strictEqual(quiz.score(eight, oneOfEight, 60).percent, 12.5);
  const sixteen = items(fixtureBank()).slice(0, 1).concat(items(fixtureBank(15)).slice(1, 2));
  assert.strictEqual(quiz.score(sixteen, [cases[0].right, cases[1].wrong], 60).percent, 6.3);
});

test('decimal points add up without floating-point noise', () => {
  const list = items(fixtureBank(0.1)).slice(0, 3);
  const result = quiz.score(list, list.map((item, i) => cases[i].right), 60);
  assert.strictEqual(result.score, 0.3);
  assert.strictEqual(result.total, 0.3);
  assert.strictEqual(result.percent, 100);
});

test('the pass mark is reached at exactly the mark, not below it', () => {
  const list = items(fixtureBank()).slice(0, 4);
  const threeOfFour = list.map((item, i) => (i < 3 ? cases[i].right : cases[i].wrong));
  assert.strictEqual(quiz.score(list, threeOfFour, 75).passed, true);
  assert.strictEqual(quiz.score(list, threeOfFour, 75.1).passed, false);
});

test('questions worth no points: percent 0 rather than NaN', () => {
  const list = items(fixtureBank(0)).slice(0, 2);
  const result = quiz.score(list, [cases[0].right, cases[1].right], 60);
  assert.strictEqual(result.total, 0);
  assert.strictEqual(result.percent, 0);
  assert.strictEqual(result.passed, false);
  assert.strictEqual(result.right, 2);
  assert.deepStrictEqual(plain(quiz.score([], [], 60)), { marks: [], right: 0, wrong: [], score: 0, total: 0, percent: 0, passed: false });
});

test('tally: right count and the wrong items of a practice round', () => {
  const list = items(fixtureBank()).slice(0, 3);
  const t = quiz.tally(list, [true, false, true]);
  assert.strictEqual(t.right, 2);
  assert.deepStrictEqual(t.wrong.map((item) => item.q.id), [list[1].q.id]);
});

test('examRecord keeps what plans.js and record.js read', () => {
  const result = { score: 3, total: 4, percent: 75, passed: true, marks: [], right: 3, wrong: [] };
  assert.deepStrictEqual(plain(quiz.examRecord(result, { banks: ['a'], seed: 123456 }, '2026-11-30')),
    { banks: ['a'], seed: '123456', date: '2026-11-30', score: 3, total: 4, percent: 75, passed: true });
  const plan = plain(quiz.examRecord(result, { banks: ['a', 'b'], paper: 'plan-1' }, '2026-12-01'));
  assert.strictEqual(plan.seed, null);
  assert.strictEqual(plan.paper, 'plan-1');
  assert.deepStrictEqual(Object.keys(plan), ['banks', 'seed', 'date', 'score', 'total', 'percent', 'passed', 'paper']);
});

test('answerText shows the answer with the letters the member saw', () => {
  const letters = { A: 'C', C: 'A', B: 'B' };
  const judge = cases.find((c) => c.type === 'judge' && c.answer === true);
  const multiple = cases.find((c) => c.written === 'answer: CA');
  const fill = cases.find((c) => c.written === 'answer: [绿色, 共享|分享]');
  const q = (c) => ({ id: c.id, type: c.type, a: c.a, k: c.k });
  assert.strictEqual(quiz.answerText(judge.bank, q(judge)), '正确');
  assert.strictEqual(quiz.answerText(multiple.bank, q(multiple), letters), 'AC');
  assert.strictEqual(quiz.answerText(multiple.bank, q(multiple), { A: 'D', C: 'B' }), 'BD');
  assert.strictEqual(quiz.answerText(fill.bank, q(fill)), '绿色；共享 或 分享');
});
