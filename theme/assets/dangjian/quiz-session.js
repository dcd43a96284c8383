/* dangjian quiz sessions: one question as an accessible form, practice (练习) with immediate
 * feedback, and exam (考试) with answer sheet, flags, countdown, score and review.
 * Used by quiz.js; data and grading come from quiz-core.js. */
(function () {
  'use strict';

  var dj = window.dangjian;
  var quiz = dj.quiz;
  var el = dj.el;
  var counter = 0;

  /* Markup compiled and sanitised by the build (nh3); never member input */
  function trusted(tag, className, markup) {
    var node = el(tag, { className: className });
    node.innerHTML = markup;
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function button(text, onclick, extra) {
    var props = { type: 'button', className: 'md-button dj-quiz__button', text: text, onclick: onclick };
    Object.keys(extra || {}).forEach(function (k) { props[k] = extra[k]; });
    return el('button', props);
  }

  function storageNotice() {
    if (dj.storage.persistent) return null;
    return el('p', { className: 'dj-quiz__notice', role: 'note', text: '浏览器不允许保存数据：进度只保存在本页，关闭后会丢失。可用“导出进度”保存到文件。' });
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function clock(seconds) { return pad(Math.floor(seconds / 60)) + ':' + pad(seconds % 60); }

  function sourceLink(source) {
    if (!source) return null;
    return el('p', { className: 'dj-quiz__source' }, ['出处：', el('a', { href: dj.url(source.url), text: source.title })]);
  }

  /* One question as a form: fieldset + legend, native radios/checkboxes/text inputs */
  function QuestionForm(item, number, total, onSubmit) {
    var q = item.q;
    var id = 'dj-q' + (++counter);
    var letters = {};
    item.options.forEach(function (option, i) { letters[option.key] = quiz.LETTERS[i] || String(i + 1); });
    this.item = item;
    this.letters = letters;
    var legend = el('legend', { className: 'dj-quiz__legend' }, [
      el('span', { className: 'dj-quiz__number', text: '第 ' + number + ' / ' + total + ' 题 · ' + quiz.TYPE_NAMES[q.type] + '题' + (q.score !== quiz.DEFAULT_SCORE ? '（' + q.score + ' 分）' : '') }),
      trusted('span', 'dj-quiz__stem', q.stem)
    ]);
    var choices = el('div', { className: 'dj-quiz__choices' });
    var inputs = [];
    if (q.type === 'single' || q.type === 'multiple') {
      item.options.forEach(function (option) {
        var input = el('input', { type: q.type === 'single' ? 'radio' : 'checkbox', name: id, value: option.key });
        inputs.push(input);
        choices.appendChild(el('label', { className: 'dj-quiz__option', 'data-key': option.key }, [
          input, el('span', { className: 'dj-quiz__letter', text: letters[option.key] + '.' }), trusted('span', 'dj-quiz__text', option.html)
        ]));
      });
    } else if (q.type === 'judge') {
      [['true', quiz.JUDGE_NAMES.true], ['false', quiz.JUDGE_NAMES.false]].forEach(function (pair) {
        var input = el('input', { type: 'radio', name: id, value: pair[0] });
        inputs.push(input);
        choices.appendChild(el('label', { className: 'dj-quiz__option', 'data-key': pair[0] }, [input, el('span', { className: 'dj-quiz__text', text: pair[1] })]));
      });
    } else {
      for (var b = 0; b < q.blanks; b++) {
        var input = el('input', { type: 'text', className: 'dj-quiz__blank', id: id + '-' + b, autocomplete: 'off' });
        inputs.push(input);
        choices.appendChild(el('p', { className: 'dj-quiz__fill' }, [el('label', { for: id + '-' + b, text: '第 ' + (b + 1) + ' 空：' }), input]));
      }
    }
    this.inputs = inputs;
    this.fieldset = el('fieldset', { className: 'dj-quiz__question', 'data-id': q.id, 'data-type': q.type }, [legend, choices]);
    this.feedback = el('div', { className: 'dj-quiz__feedback', role: 'status', 'aria-live': 'polite' });
    this.actions = el('div', { className: 'dj-quiz__actions' });
    this.form = el('form', { className: 'dj-quiz__form', novalidate: true }, [this.fieldset, this.feedback, this.actions]);
    this.form.addEventListener('submit', function (event) { event.preventDefault(); if (onSubmit) onSubmit(); });
  }

  QuestionForm.prototype.response = function () {
    var q = this.item.q;
    if (q.type === 'fill') return this.inputs.map(function (i) { return i.value; });
    var picked = this.inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    if (q.type === 'multiple') return picked;
    if (!picked.length) return null;
    return q.type === 'judge' ? picked[0] === 'true' : picked[0];
  };

  QuestionForm.prototype.restore = function (response) {
    var q = this.item.q;
    if (response === undefined || response === null) return;
    this.inputs.forEach(function (input, i) {
      if (q.type === 'fill') input.value = response[i] || '';
      else if (q.type === 'multiple') input.checked = response.indexOf(input.value) >= 0;
      else if (q.type === 'judge') input.checked = String(response) === input.value;
      else input.checked = response === input.value;
    });
  };

  /* Lock the inputs and mark right and wrong choices with text, not colour alone */
  QuestionForm.prototype.reveal = function (correct) {
    var bankId = this.item.bank;
    var q = this.item.q;
    var answer = quiz.answer(bankId, q);
    this.inputs.forEach(function (input) { input.disabled = true; });
    if (q.type !== 'fill') {
      var right = q.type === 'judge' ? [String(answer)] : answer;
      Array.prototype.forEach.call(this.fieldset.querySelectorAll('.dj-quiz__option'), function (label) {
        var key = label.getAttribute('data-key');
        var chosen = label.querySelector('input').checked;
        if (right.indexOf(key) >= 0) {
          label.classList.add('dj-quiz__option--right');
          label.appendChild(el('span', { className: 'dj-quiz__mark', text: '✓ 正确答案' }));
        } else if (chosen) {
          label.classList.add('dj-quiz__option--wrong');
          label.appendChild(el('span', { className: 'dj-quiz__mark', text: '✗ 你的选择' }));
        }
      });
    }
    clear(this.feedback);
    this.feedback.appendChild(el('p', {
      className: 'dj-quiz__verdict ' + (correct ? 'dj-quiz__verdict--right' : 'dj-quiz__verdict--wrong'),
      text: correct ? '✓ 回答正确' : '✗ 回答错误。正确答案：' + quiz.answerText(bankId, q, this.letters)
    }));
    if (q.explanation) {
      this.feedback.appendChild(el('div', { className: 'dj-quiz__explanation' }, [el('strong', { text: '解析：' }), trusted('div', '', q.explanation)]));
    }
    var link = sourceLink(q.source);
    if (link) this.feedback.appendChild(link);
  };

  /* Practice: one question at a time, immediate feedback */
  function practice(root, items, options) {
    var index = 0;
    var results = [];
    var stage = el('div', { className: 'dj-quiz__stage' });
    clear(root);
    root.appendChild(stage);

    function show() {
      clear(stage);
      if (index >= items.length) return summary();
      var item = items[index];
      var form = new QuestionForm(item, index + 1, items.length, submit);
      var submitButton = el('button', { type: 'submit', className: 'md-button md-button--primary dj-quiz__button', text: '提交答案' });
      form.actions.appendChild(submitButton);
      stage.appendChild(form.form);
      if (form.inputs[0]) form.inputs[0].focus();

      function submit() {
        if (form.done) return;
        var response = form.response();
        if (!quiz.answered(item.q, response)) {
          clear(form.feedback);
          form.feedback.appendChild(el('p', { className: 'dj-quiz__hint', text: '请先作答。' }));
          return;
        }
        form.done = true;
        var correct = quiz.grade(item.bank, item.q, response);
        results.push({ item: item, correct: correct });
        quiz.store.record(item.bank, item.q.id, correct);
        form.reveal(correct);
        submitButton.remove();
        if (options.wrongbook) {
          form.actions.appendChild(button('已掌握，移出错题本', function (event) {
            quiz.store.removeWrong(item.bank, item.q.id);
            event.target.disabled = true;
            event.target.textContent = '已移出错题本';
          }, { 'data-action': 'master' }));
        }
        var next = button(index + 1 < items.length ? '下一题' : '查看结果', function () { index++; show(); }, { 'data-action': 'next' });
        form.actions.appendChild(next);
        // The question stays where the member is reading it: focus without scrolling to the button
        next.focus({ preventScroll: true });
      }
    }

    function summary() {
      var tally = quiz.tally(results.map(function (r) { return r.item; }), results.map(function (r) { return r.correct; }));
      var right = tally.right;
      var wrongItems = tally.wrong;
      var box = el('div', { className: 'dj-quiz__summary', role: 'status', 'aria-live': 'polite', tabindex: '-1' }, [
        el('h3', { text: '练习完成' }),
        el('p', { className: 'dj-quiz__score', text: '共 ' + results.length + ' 题，答对 ' + right + ' 题，答错 ' + wrongItems.length + ' 题。' })
      ]);
      var actions = el('div', { className: 'dj-quiz__actions' }, [
        button('再练一次', function () { practice(root, items, options); }, { 'data-action': 'again' })
      ]);
      if (wrongItems.length) {
        actions.appendChild(button('只练本轮错题', function () { practice(root, wrongItems, options); }, { 'data-action': 'retry-wrong' }));
      }
      if (options.back) actions.appendChild(button('返回', options.back));
      box.appendChild(actions);
      stage.appendChild(box);
      box.focus();
    }

    show();
  }

  /* Exam: answer sheet, flags, submit all, score and review; optional countdown */
  function exam(root, items, options) {
    var responses = items.map(function () { return null; });
    var flags = items.map(function () { return false; });
    var index = 0;
    var finished = false;
    var remaining = options.timeLimit ? options.timeLimit * 60 : 0;
    var paused = false;
    var timerId = null;
    var form = null;

    clear(root);
    var timerText = el('span', { className: 'dj-quiz__time', role: 'timer', 'aria-live': 'off' });
    var timerStatus = el('span', { className: 'dj-visually-hidden', role: 'status', 'aria-live': 'polite' });
    var pauseButton = button('暂停计时', togglePause, { 'data-action': 'pause' });
    var timer = options.timeLimit ? el('div', { className: 'dj-quiz__timer' }, [
      el('span', { text: '剩余时间 ' }), timerText, pauseButton,
      button('延长 5 分钟', function () { remaining += 300; renderTime(); timerStatus.textContent = '已延长 5 分钟'; }, { 'data-action': 'extend' }),
      timerStatus
    ]) : null;
    var sheet = el('nav', { className: 'dj-quiz__sheet', 'aria-label': '答题卡' });
    var sheetTitle = el('h3', { className: 'dj-quiz__sheet-title', text: '答题卡' });
    var stage = el('div', { className: 'dj-quiz__stage' });
    var confirmBox = el('div', { className: 'dj-quiz__confirm', role: 'status', 'aria-live': 'polite' });
    var submitAll = button('交卷', function () { trySubmit(); }, { 'data-action': 'submit-exam', className: 'md-button md-button--primary dj-quiz__button' });
    root.appendChild(el('div', { className: 'dj-quiz__exam' }, [timer, sheetTitle, sheet, stage, el('div', { className: 'dj-quiz__actions' }, [submitAll]), confirmBox]));

    function save() { if (form) responses[index] = form.response(); }

    function renderSheet() {
      clear(sheet);
      var done = items.filter(function (item, i) { return quiz.answered(item.q, responses[i]); }).length;
      sheetTitle.textContent = '答题卡（已答 ' + done + ' / ' + items.length + '）';
      items.forEach(function (item, i) {
        var state = quiz.answered(item.q, responses[i]) ? '已答' : '未答';
        if (flags[i]) state += '，已标记';
        sheet.appendChild(el('button', {
          type: 'button',
          className: 'dj-quiz__cell' + (state.indexOf('已答') === 0 ? ' dj-quiz__cell--done' : '') + (flags[i] ? ' dj-quiz__cell--flag' : '') + (i === index ? ' dj-quiz__cell--current' : ''),
          'aria-label': '第 ' + (i + 1) + ' 题，' + state,
          'aria-current': i === index ? 'true' : null,
          text: String(i + 1) + (state.indexOf('已答') === 0 ? '✓' : '') + (flags[i] ? '⚑' : ''),
          onclick: function () { save(); index = i; show(); }
        }));
      });
    }

    function show() {
      clear(stage);
      var item = items[index];
      form = new QuestionForm(item, index + 1, items.length, function () {
        save();
        if (index + 1 < items.length) { index++; show(); focusFirst(); }
      });
      form.restore(responses[index]);
      form.inputs.forEach(function (input) {
        input.addEventListener('change', function () { save(); renderSheet(); });
        input.addEventListener('input', function () { save(); renderSheet(); });
      });
      form.actions.appendChild(button('上一题', function () { save(); index--; show(); focusFirst(); }, { disabled: index === 0, 'data-action': 'prev' }));
      form.actions.appendChild(button(flags[index] ? '取消标记' : '标记本题', function () {
        save(); flags[index] = !flags[index]; show();
      }, { 'aria-pressed': flags[index] ? 'true' : 'false', 'data-action': 'flag' }));
      form.actions.appendChild(button('下一题', function () { save(); index++; show(); focusFirst(); }, { disabled: index + 1 >= items.length, 'data-action': 'next' }));
      stage.appendChild(form.form);
      renderSheet();
    }

    function focusFirst() { if (form && form.inputs[0]) form.inputs[0].focus(); }

    function trySubmit() {
      save();
      var missing = responses.filter(function (r, i) { return !quiz.answered(items[i].q, r); }).length;
      clear(confirmBox);
      if (missing) {
        confirmBox.appendChild(el('p', { text: '还有 ' + missing + ' 题未作答，确定交卷吗？' }));
        var sure = button('确定交卷', finish, { 'data-action': 'confirm-submit' });
        confirmBox.appendChild(sure);
        confirmBox.appendChild(button('继续答题', function () { clear(confirmBox); }));
        sure.focus();
      } else finish();
    }

    function renderTime() { timerText.textContent = clock(Math.max(0, remaining)); }

    function togglePause() {
      paused = !paused;
      pauseButton.textContent = paused ? '继续计时' : '暂停计时';
      pauseButton.setAttribute('aria-pressed', paused ? 'true' : 'false');
      timerStatus.textContent = paused ? '计时已暂停' : '计时继续';
    }

    function tick() {
      if (paused || finished) return;
      remaining -= 1;
      renderTime();
      if (remaining === 60) timerStatus.textContent = '还剩 1 分钟';
      if (remaining <= 0) { timerStatus.textContent = '时间到，已自动交卷'; finish(); }
    }

    function finish() {
      if (finished) return;
      finished = true;
      save();
      if (timerId) clearInterval(timerId);
      var scored = quiz.score(items, responses, options.passScore);
      var marks = scored.marks;
      items.forEach(function (item, i) { quiz.store.record(item.bank, item.q.id, marks[i]); });
      quiz.store.addExam(quiz.examRecord(scored, options, dj.today()));
      clear(root);
      var result = el('div', { className: 'dj-quiz__result', role: 'status', 'aria-live': 'polite', tabindex: '-1' }, [
        el('h3', { text: '考试结果' }),
        el('p', { className: 'dj-quiz__score', text: '得分 ' + scored.score + ' 分（满分 ' + scored.total + ' 分，百分制 ' + scored.percent + ' 分），答对 ' + scored.right + ' 题（共 ' + items.length + ' 题）。' }),
        el('p', { className: 'dj-quiz__pass ' + (scored.passed ? 'dj-quiz__pass--yes' : 'dj-quiz__pass--no'), text: scored.passed ? '✓ 及格（及格线 ' + options.passScore + ' 分）' : '✗ 未及格（及格线 ' + options.passScore + ' 分）' })
      ]);
      var review = el('ol', { className: 'dj-quiz__review', 'aria-label': '逐题回顾' });
      items.forEach(function (item, i) {
        var view = new QuestionForm(item, i + 1, items.length, null);
        view.restore(responses[i]);
        view.reveal(marks[i]);
        review.appendChild(el('li', { className: 'dj-quiz__review-item' }, [view.form]));
      });
      var actions = el('div', { className: 'dj-quiz__actions' }, [button('重新考试', function () { exam(root, items, options); }, { 'data-action': 'again' })]);
      if (options.back) actions.appendChild(button('返回', options.back));
      root.appendChild(result);
      root.appendChild(actions);
      root.appendChild(el('h3', { text: '逐题回顾' }));
      root.appendChild(review);
      result.focus();
    }

    show();
    focusFirst();
    if (options.timeLimit) {
      renderTime();
      timerId = setInterval(tick, 1000);
    }
  }

  function start(root, items, mode, options) {
    if (!items.length) {
      clear(root);
      root.appendChild(el('p', { className: 'dj-quiz__hint', text: '没有可练习的题目。' }));
      return;
    }
    (mode === 'exam' ? exam : practice)(root, items, options);
  }

  quiz.ui = {
    start: start,
    trusted: trusted,
    clear: clear,
    button: button,
    storageNotice: storageNotice,
    nextId: function (prefix) { return prefix + (++counter); }
  };
})();
