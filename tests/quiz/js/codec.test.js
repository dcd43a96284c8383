/* The JavaScript decoder reads what the Python encoder wrote (tests/quiz/fixtures/codec.json),
 * and grading takes each decoded answer as the editor meant it. */
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { loadQuiz, codecFixture, plain } = require('./harness');

const fixture = codecFixture();
const dj = loadQuiz();
const quiz = dj.quiz;

test('fixture has a case of every type', () => {
  assert.deepStrictEqual([...new Set(fixture.cases.map((c) => c.type))].sort(), ['fill', 'judge', 'multiple', 'single']);
});

for (const c of fixture.cases) {
  test('decodes ' + c.written, () => {
    assert.deepStrictEqual(plain(quiz.decode(c.a, c.k)), c.answer);
  });

  test('grades ' + c.written + ': right and wrong responses', () => {
    const q = { id: c.id, type: c.type, a: c.a, k: c.k };
    assert.strictEqual(quiz.grade(c.bank, q, c.right), true);
    assert.strictEqual(quiz.grade(c.bank, q, c.wrong), false);
  });
}

test('a wrong key does not give the answer back', () => {
  const c = fixture.cases[0];
  const other = fixture.cases[1].k;
  assert.notStrictEqual(c.k, other);
  let decoded = null;
  try { decoded = JSON.stringify(quiz.decode(c.a, other)); } catch (e) { /* not even JSON */ }
  assert.notStrictEqual(decoded, JSON.stringify(c.answer));
});

test('answers are decoded once per question and cached by bank and id', () => {
  const c = fixture.cases[2];
  const q = { id: c.id, type: c.type, a: c.a, k: c.k };
  const first = quiz.answer(c.bank, q);
  assert.strictEqual(quiz.answer(c.bank, q), first);
  assert.deepStrictEqual(plain(first), c.answer);
});
