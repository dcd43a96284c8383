/* dangjian study plans: each task's state from this device (done / not yet / overdue by the
 * reader's clock) and a progress bar per plan. Materials marked 已学 (progress.js) and exams
 * passed (quiz-core.js, quiz.exams: a bank's exam, or a random paper's by the paper id the
 * build wrote) count by themselves; free-text tasks are ticked here.
 * Classic script, ES2017. */
(function () {
  'use strict';

  var dj = window.dangjian;
  var KEY = 'plans';

  function own() {
    var saved = dj.storage.get(KEY, null);
    return saved && typeof saved.done === 'object' && saved.done ? saved : { done: {} };
  }

  function studied() {
    var saved = dj.storage.get('progress', null);
    return saved && typeof saved.done === 'object' && saved.done ? saved.done : {};
  }

  function exams() {
    var saved = dj.storage.get('quiz.exams', []);
    return Array.isArray(saved) ? saved : [];
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  /* Does this stored exam answer the task? A bank's exam, or exactly the plan's paper */
  function examFor(check, exam) {
    if (!exam || !Array.isArray(exam.banks)) return false;
    if (check.kind === 'paper') return exam.paper === check.paper;
    return exam.banks.indexOf(check.bank) >= 0;
  }

  /* State of one task: {done, date, overdue, detail}. `check` comes from the build. */
  function evaluate(check, today) {
    var done = false;
    var date = '';
    var detail = '';
    if (check.kind === 'material' || check.kind === 'topic') {
      var marks = studied();
      var count = 0;
      (check.ids || []).forEach(function (id) {
        if (has(marks, id)) {
          count += 1;
          if (String(marks[id]) > date) date = String(marks[id]);
        }
      });
      done = count === (check.ids || []).length && count > 0;
      if (check.kind === 'topic') detail = '已学 ' + count + '/' + (check.ids || []).length + ' 篇';
    } else if (check.kind === 'quiz' || check.kind === 'paper') {
      var best = null;
      exams().forEach(function (exam) {
        if (!examFor(check, exam)) return;
        var percent = Number(exam.percent) || 0;
        if (best === null || percent > best) best = percent;
        if (percent >= check.pass_mark && (!done || String(exam.date) < date)) {
          done = true;
          date = String(exam.date || '');
        }
      });
      detail = best === null ? '尚未考试' : '最好成绩 ' + best + ' 分';
    } else {
      var mine = own().done;
      done = has(mine, check.key);
      date = done ? String(mine[check.key]) : '';
    }
    return { done: done, date: date, overdue: !done && check.due < today, detail: detail };
  }

  function stateText(state) {
    if (state.done) return '已完成 ✓' + (state.date ? '（' + state.date + '）' : '');
    return (state.overdue ? '已逾期 ✗' : '未完成') + (state.detail ? '，' + state.detail : '');
  }

  function toggleButton(check, state) {
    return dj.el('button', {
      type: 'button',
      className: 'md-button dj-plan-toggle',
      'aria-pressed': state.done ? 'true' : 'false',
      text: state.done ? '取消完成' : '标记为已完成',
      onclick: function () {
        var saved = own();
        if (has(saved.done, check.key)) delete saved.done[check.key];
        else saved.done[check.key] = dj.today();
        dj.storage.set(KEY, saved);
        render();
      }
    });
  }

  function renderPlan(plan, today) {
    var tasks = plan.querySelectorAll('.dj-plan-item[data-dj-task]');
    var doneCount = 0;
    Array.prototype.forEach.call(tasks, function (task) {
      var check;
      try { check = JSON.parse(task.getAttribute('data-dj-task')); } catch (e) { return; }
      var state = evaluate(check, today);
      if (state.done) doneCount += 1;
      var word = state.done ? 'done' : state.overdue ? 'overdue' : 'todo';
      task.setAttribute('data-dj-state', word);
      var box = task.querySelector('[data-dj-state]') || task;
      box.textContent = '';
      box.className = 'dj-plan-state dj-plan-state--' + word;
      box.appendChild(document.createTextNode(stateText(state)));
      if (check.kind === 'text') box.appendChild(toggleButton(check, state));
    });
    var bar = plan.querySelector('[data-dj-plan-progress]');
    if (bar) {
      var text = '完成 ' + doneCount + '/' + tasks.length + ' 项任务';
      bar.textContent = '';
      bar.appendChild(dj.el('div', { className: 'dj-progress-text', text: text }));
      bar.appendChild(dj.el('progress', {
        className: 'dj-progress-bar', max: String(tasks.length || 1), value: String(doneCount), 'aria-label': text
      }));
      bar.setAttribute('data-dj-done', String(doneCount));
    }
  }

  /* 本月学习任务 was chosen on the build date: hide plans that ended since, by the reader's clock */
  function hideEnded(block, today) {
    var left = 0;
    Array.prototype.forEach.call(block.querySelectorAll('.dj-plan[data-dj-plan-to]'), function (plan) {
      plan.hidden = plan.getAttribute('data-dj-plan-to') < today;
      if (!plan.hidden) left += 1;
    });
    var none = block.querySelector('.dj-none');
    if (none) none.hidden = left > 0;
  }

  function render() {
    var today = dj.today();
    Array.prototype.forEach.call(document.querySelectorAll('.dj-plan[data-dj-plan]'), function (plan) {
      renderPlan(plan, today);
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-dj-current-plans]'), function (block) {
      hideEnded(block, today);
    });
  }

  dj.plans = { evaluate: evaluate, render: render, KEY: KEY };

  dj.ready(render);
  // Another tab marked a material or finished an exam
  window.addEventListener('storage', render);
})();
