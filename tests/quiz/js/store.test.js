/* The member's progress, wrong-answer book (错题本) and exams in dangjian.storage
 * (quiz-core.js quiz.store), with export and the merging import. */
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { loadQuiz, plain } = require('./harness');

test('a wrong answer goes into the wrong-answer book, a right one only into progress', () => {
  const store = loadQuiz({ today: '2026-11-30' }).quiz.store;
  store.record('b', 'q1', false);
  store.record('b', 'q1', false);
  store.record('b', 'q2', true);
  assert.deepStrictEqual(plain(store.progress()), { b: { q1: [2, 0, 0], q2: [1, 1, 1] } });
  assert.deepStrictEqual(plain(store.wrong()), { 'b/q1': { bank: 'b', id: 'q1', times: 2, date: '2026-11-30' } });
  assert.strictEqual(store.isWrong('b', 'q1'), true);
  assert.strictEqual(store.isWrong('b', 'q2'), false);
  assert.deepStrictEqual(plain(store.summary('b')), { answered: 2, correct: 1 });
  store.record('b', 'q1', true);
  assert.deepStrictEqual(plain(store.summary('b')), { answered: 2, correct: 2 });
  assert.strictEqual(store.isWrong('b', 'q1'), true, 'mastered only when the member says so');
  store.removeWrong('b', 'q1');
  assert.deepStrictEqual(plain(store.wrong()), {});
});

test('exams keep the last 50', () => {
  const store = loadQuiz().quiz.store;
  for (let i = 0; i < 55; i++) store.addExam({ banks: ['b'], percent: i });
  const exams = store.exams();
  assert.strictEqual(exams.length, 50);
  assert.strictEqual(exams[0].percent, 5);
  assert.strictEqual(exams[49].percent, 54);
});

test('an exported file imports into another device, merging', () => {
  const a = loadQuiz().quiz.store;
  a.record('b', 'q1', false);
  a.record('b', 'q2', true);
  a.addExam({ banks: ['b'], percent: 80 });
  const exported = plain(a.exportData());
  assert.strictEqual(exported.format, 'dangjian-quiz-progress');
  const b = loadQuiz().quiz.store;
  b.record('b', 'q1', true);
  b.record('b', 'q1', true);
  assert.strictEqual(b.importData(exported), 1);
  assert.deepStrictEqual(plain(b.progress()).b.q1, [2, 2, 0]);
  assert.deepStrictEqual(plain(b.progress()).b.q2, [1, 1, 1]);
  assert.strictEqual(b.exams().length, 1);
  assert.strictEqual(b.importData(exported), 0, 'importing twice adds no wrong question');
});

test('other files are refused with a Chinese message and change nothing', () => {
  const store = loadQuiz().quiz.store;
  assert.throws(() => store.importData({ format: 'other' }), /这不是本站导出的自测进度文件/);
  assert.throws(() => store.importData(null), /这不是本站导出的自测进度文件/);
  const count = store.importData({ format: 'dangjian-quiz-progress', progress: { b: { q: 'bad' } }, wrong: { x: { bank: 1 } } });
  assert.strictEqual(count, 0);
  assert.deepStrictEqual(plain(store.progress()), { b: {} });
  assert.deepStrictEqual(plain(store.wrong()), {});
});

test('the last exam of a view: same banks outside a plan, or the same plan paper', () => {
  const quiz = loadQuiz().quiz;
  const exams = [
    { banks: ['a'], percent: 60 },
    { banks: ['a', 'b'], percent: 70 },
    { banks: ['a'], paper: 'p1', percent: 80 },
    { banks: ['b', 'a'], percent: 75 },
    { percent: 1 },
  ];
  assert.strictEqual(quiz.lastExam(exams, ['a'], undefined).percent, 60);
  assert.strictEqual(quiz.lastExam(exams, ['a', 'b'], undefined).percent, 75, 'order of banks does not matter');
  assert.strictEqual(quiz.lastExam(exams, ['a'], 'p1').percent, 80);
  assert.strictEqual(quiz.lastExam(exams, ['b'], undefined), null, "a two-bank paper is not bank b's exam");
  assert.strictEqual(quiz.lastExam(exams, ['a'], 'p2'), null);
  assert.strictEqual(quiz.lastExam([], ['a'], undefined), null);
});
