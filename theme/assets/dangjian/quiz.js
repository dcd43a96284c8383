/* dangjian quiz views: turns each <div class="dj-quiz" data-quiz="…"> into a self-test —
 * a bank (练习/考试), a random paper (随机组卷), the wrong-answer book (错题本) or the
 * 自测中心 list. Sessions come from quiz-session.js, data from quiz-core.js. */
(function () {
  'use strict';

  var dj = window.dangjian;
  var quiz = dj.quiz;
  var el = dj.el;
  var ui = quiz.ui;
  var start = ui.start;
  var trusted = ui.trusted;
  var clear = ui.clear;
  var button = ui.button;
  var storageNotice = ui.storageNotice;

  function progressText(bankId, count) {
    var s = quiz.store.summary(bankId);
    return '已练 ' + s.answered + ' / ' + count + ' 题，最近一次答对 ' + s.correct + ' 题';
  }

  function lastExam(settings) {
    var last = quiz.lastExam(quiz.store.exams(), settings.banks, settings.paper);
    if (!last) return '';
    return '；上次考试 ' + last.percent + ' 分（' + (last.passed ? '及格' : '未及格') + '，' + last.date + '）';
  }

  /* A bank (or a draw from it): choose practice or exam */
  function bankView(root, settings) {
    quiz.banks(settings.banks).then(function (list) {
      var bank = list[0];
      var mode = settings.mode || bank.mode;
      // `seed: today` gives everyone the same paper on a day and a new one the next day
      var seed = settings.seed === 'today' ? dj.today() : settings.seed;
      // A study plan's paper sets its own pass mark and tags results with its id
      var passScore = settings.pass !== undefined ? settings.pass : bank.pass_score;
      var intro = el('div', { className: 'dj-quiz__intro' });
      var body = el('div', { className: 'dj-quiz__body' });
      function menu() {
        clear(root);
        clear(intro);
        var count = settings.draw || settings.count ? quiz.paper(list, { draw: settings.draw, count: settings.count, seed: seed }).length : bank.questions.length;
        intro.appendChild(el('p', { className: 'dj-quiz__meta', text: (settings.title || bank.title) + ' · 共 ' + count + ' 题' + (bank.time_limit ? ' · 考试限时 ' + bank.time_limit + ' 分钟' : '') + ' · 及格线 ' + passScore + ' 分' }));
        intro.appendChild(el('p', { className: 'dj-quiz__progress', text: progressText(bank.id, bank.questions.length) + lastExam(settings) }));
        if (bank.source) {
          intro.appendChild(el('p', { className: 'dj-quiz__source' }, ['对应学习资料：', el('a', { href: dj.url(bank.source.url), text: bank.source.title })]));
        }
        var first = mode === 'exam' ? ['exam', 'practice'] : ['practice', 'exam'];
        intro.appendChild(el('div', { className: 'dj-quiz__actions' }, first.map(function (m, i) {
          return button(m === 'exam' ? '开始考试' : '开始练习', function () { run(m); }, { 'data-action': m, className: 'md-button dj-quiz__button' + (i === 0 ? ' md-button--primary' : '') });
        })));
        root.appendChild(intro);
        var notice = storageNotice(); if (notice) root.appendChild(notice);
        root.appendChild(body);
      }
      function run(m) {
        var items = quiz.paper(list, { draw: settings.draw, count: settings.count, seed: seed, shuffleOptions: !!(settings.draw || settings.count) });
        start(body, items, m, { timeLimit: m === 'exam' ? (settings.time_limit || bank.time_limit) : 0, passScore: passScore, banks: settings.banks, seed: seed, paper: settings.paper, back: menu });
        clear(intro);
        intro.appendChild(el('p', { className: 'dj-quiz__meta', text: (settings.title || bank.title) + ' · ' + (m === 'exam' ? '考试模式' : '练习模式') }));
      }
      menu();
    }).catch(failed(root));
  }

  /* Random paper: N questions per type from the chosen banks, reproducible by its number */
  function paperView(root, settings) {
    quiz.banks(settings.banks).then(function (list) {
      clear(root);
      var shared = quiz.readPaperHash(window.location.hash);
      var form = el('form', { className: 'dj-quiz__paper-form' });
      var fields = el('fieldset', {}, [el('legend', { text: '随机组卷' })]);
      var boxes = {};
      if (list.length > 1) {
        var chosen = shared && shared.banks ? shared.banks.split(',') : settings.banks;
        var bankSet = el('fieldset', { className: 'dj-quiz__paper-banks' }, [el('legend', { text: '从哪些题库抽题' })]);
        list.forEach(function (bank) {
          boxes[bank.id] = el('input', { type: 'checkbox', value: bank.id, checked: chosen.indexOf(bank.id) >= 0 });
          boxes[bank.id].addEventListener('change', updateCounts);
          bankSet.appendChild(el('label', { className: 'dj-quiz__paper-bank' }, [boxes[bank.id], ' ' + bank.title]));
        });
        fields.appendChild(bankSet);
      }
      var inputs = {};
      var labels = {};
      quiz.TYPES.forEach(function (type) {
        var id = ui.nextId('dj-paper-') + '-' + type;
        var preset = shared && shared[type] !== undefined ? shared[type] : settings.draw ? (settings.draw[type] || 0) : 5;
        inputs[type] = el('input', { type: 'number', id: id, min: '0', value: String(preset), className: 'dj-quiz__count', 'data-type': type });
        labels[type] = el('label', { for: id });
        fields.appendChild(el('p', { className: 'dj-quiz__paper-type' }, [labels[type], inputs[type]]));
      });
      var seedId = ui.nextId('dj-paper-seed-');
      var seedValue = shared ? shared.seed : settings.seed !== undefined ? String(settings.seed) : '';
      var seedInput = el('input', { type: 'text', id: seedId, inputmode: 'numeric', className: 'dj-quiz__seed', value: seedValue, placeholder: '留空则随机生成' });
      fields.appendChild(el('p', {}, [el('label', { for: seedId, text: '试卷编号（同一编号、同样的题库和题数得到同一份试卷）：' }), seedInput]));
      var modeId = ui.nextId('dj-paper-mode-');
      var mode = (shared && shared.mode) || settings.mode || 'exam';
      var modeSelect = el('select', { id: modeId, className: 'dj-quiz__mode' }, [
        el('option', { value: 'exam', text: '考试（交卷后评分）', selected: mode === 'exam' }),
        el('option', { value: 'practice', text: '练习（每题即时反馈）', selected: mode === 'practice' })
      ]);
      fields.appendChild(el('p', {}, [el('label', { for: modeId, text: '方式：' }), modeSelect]));
      form.appendChild(fields);
      form.appendChild(el('button', { type: 'submit', className: 'md-button md-button--primary dj-quiz__button', text: '生成试卷', 'data-action': 'make-paper' }));
      var info = el('p', { className: 'dj-quiz__paper-info', role: 'status', 'aria-live': 'polite' });
      var body = el('div', { className: 'dj-quiz__body' });
      root.appendChild(form);
      var notice = storageNotice(); if (notice) root.appendChild(notice);
      root.appendChild(info);
      root.appendChild(body);
      if (shared) info.textContent = '已按链接设置好试卷 ' + shared.seed + '，点“生成试卷”开始。';

      function selected() {
        if (list.length === 1) return list;
        return list.filter(function (bank) { return boxes[bank.id].checked; });
      }

      function updateCounts() {
        var banks = selected();
        quiz.TYPES.forEach(function (type) {
          var have = banks.reduce(function (n, b) { return n + b.counts[type]; }, 0);
          inputs[type].max = String(have);
          inputs[type].disabled = have === 0;
          labels[type].textContent = quiz.TYPE_NAMES[type] + '题（共 ' + have + ' 道）：';
        });
      }
      updateCounts();

      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var banks = selected();
        if (!banks.length) {
          info.textContent = '请至少选择一个题库。';
          return;
        }
        var draw = {};
        var seed = seedInput.value.trim() || quiz.newSeed();
        seedInput.value = seed;
        quiz.TYPES.forEach(function (type) { draw[type] = quiz.drawCount(inputs[type].value, inputs[type].max); });
        var ids = banks.map(function (b) { return b.id; });
        var items = quiz.paper(banks, { draw: draw, seed: seed, shuffleOptions: true });
        if (window.history && window.history.replaceState) {
          try { window.history.replaceState(null, '', quiz.paperHash(seed, ids, draw, modeSelect.value)); } catch (e) { /* file:// in some browsers */ }
        }
        info.textContent = '试卷编号 ' + seed + '，共 ' + items.length + ' 题。记下编号，或把本页地址发给其他党员，可以做同一份试卷。';
        var passScore = Math.min.apply(null, banks.map(function (b) { return b.pass_score; }));
        start(body, items, modeSelect.value, { timeLimit: modeSelect.value === 'exam' ? settings.time_limit || 0 : 0, passScore: passScore, banks: ids, seed: seed });
      });
    }).catch(failed(root));
  }

  /* Wrong-answer book across all banks; progress per bank; export and import */
  function wrongbookView(root, message) {
    quiz.catalogue().then(function (cat) {
      var known = {};
      cat.banks.forEach(function (b) { known[b.id] = b; });
      var wrong = quiz.store.wrong();
      var ids = Object.keys(wrong).sort().filter(function (key) { return known[wrong[key].bank]; });
      var needed = ids.map(function (key) { return wrong[key].bank; }).filter(function (b, i, all) { return all.indexOf(b) === i; });
      return quiz.banks(needed).then(function () { render(cat, wrong, ids); });
    }).catch(failed(root));

    function render(cat, wrong, ids) {
      clear(root);
      var items = [];
      var list = el('ul', { className: 'dj-quiz__wrong-list' });
      var byBank = {};
      ids.forEach(function (key) {
        var w = wrong[key];
        byBank[w.bank] = byBank[w.bank] || [];
        byBank[w.bank].push(w);
      });
      cat.banks.forEach(function (entry) {
        (byBank[entry.id] || []).forEach(function (w) {
          quiz.bank(entry.id).then(function (bank) {
            var q = bank.questions.filter(function (x) { return x.id === w.id; })[0];
            if (!q) return;
            items.push({ bank: bank.id, q: q, options: q.options || [] });
            var stem = trusted('span', 'dj-quiz__wrong-stem', q.stem);
            list.appendChild(el('li', { className: 'dj-quiz__wrong-item', 'data-id': q.id }, [
              el('span', { className: 'dj-quiz__wrong-meta', text: entry.title + ' · ' + quiz.TYPE_NAMES[q.type] + '题 · 错 ' + w.times + ' 次' }),
              stem,
              button('移出', function () { quiz.store.removeWrong(bank.id, q.id); wrongbookView(root); }, { 'aria-label': '把这道题移出错题本', 'data-action': 'remove' })
            ]));
          });
        });
      });
      var body = el('div', { className: 'dj-quiz__body' });
      var status = el('p', { className: 'dj-quiz__status', role: 'status', 'aria-live': 'polite', text: message || '' });
      root.appendChild(el('p', { className: 'dj-quiz__meta', text: ids.length ? '错题本中共有 ' + ids.length + ' 道题。' : '错题本是空的。练习或考试中答错的题会自动收进这里。' }));
      var notice = storageNotice(); if (notice) root.appendChild(notice);
      var actions = el('div', { className: 'dj-quiz__actions' });
      if (ids.length) {
        actions.appendChild(button('练习错题', function () {
          start(body, items, 'practice', { wrongbook: true, back: function () { wrongbookView(root); } });
          list.hidden = true;
        }, { 'data-action': 'practice-wrong', className: 'md-button md-button--primary dj-quiz__button' }));
      }
      actions.appendChild(button('导出进度', function () { dj.downloadJSON('自测进度-' + dj.today() + '.json', quiz.store.exportData()); status.textContent = '已导出进度文件。'; }, { 'data-action': 'export' }));
      actions.appendChild(button('导入进度', function () {
        dj.pickJSON(function (data) {
          try {
            if (data instanceof Error) throw data;
            var added = quiz.store.importData(data);
            wrongbookView(root, '导入完成，新增错题 ' + added + ' 道。');
          } catch (e) {
            status.textContent = '导入失败：' + e.message;
          }
        });
      }, { 'data-action': 'import' }));
      root.appendChild(actions);
      root.appendChild(status);
      root.appendChild(list);
      root.appendChild(body);
      var table = el('table', { className: 'dj-quiz__progress-table' }, [
        el('caption', { text: '各题库进度' }),
        el('thead', {}, [el('tr', {}, [el('th', { text: '题库' }), el('th', { text: '已练题数' }), el('th', { text: '最近答对' }), el('th', { text: '题目总数' })])])
      ]);
      var tbody = el('tbody');
      cat.banks.forEach(function (entry) {
        var s = quiz.store.summary(entry.id);
        tbody.appendChild(el('tr', {}, [el('td', { text: entry.title }), el('td', { text: String(s.answered) }), el('td', { text: String(s.correct) }), el('td', { text: String(entry.count) })]));
      });
      table.appendChild(tbody);
      root.appendChild(table);
    }
  }

  /* 自测中心: the build's list of banks, with this member's progress added */
  function centerView(root) {
    Array.prototype.forEach.call(root.querySelectorAll('.dj-quiz-center__item'), function (item) {
      var bankId = item.getAttribute('data-bank');
      var count = item.querySelector('.dj-quiz-center__meta').textContent.match(/共 (\d+) 题/);
      item.querySelector('.dj-quiz-center__progress').textContent = progressText(bankId, count ? +count[1] : 0);
    });
    var notice = storageNotice();
    if (notice) root.insertBefore(notice, root.firstChild);
  }

  function failed(root) {
    return function (error) {
      clear(root);
      root.appendChild(el('p', { className: 'dj-quiz__hint', role: 'alert', text: '题库加载失败：' + error.message }));
    };
  }

  // Each view takes (root, settings); the wrong-answer book's second argument is a status line
  var VIEWS = { bank: bankView, paper: paperView, wrongbook: function (root) { wrongbookView(root); }, center: centerView };

  dj.ready(function () {
    var quizzes = document.querySelectorAll('.dj-quiz[data-quiz]');
    // Material's 回到页面顶部 button would float over the question being answered
    if (quizzes.length) document.documentElement.classList.add('dj-quiz-page');
    Array.prototype.forEach.call(quizzes, function (root) {
      var settings;
      try { settings = JSON.parse(root.getAttribute('data-quiz')); } catch (e) { return; }
      var view = VIEWS[settings.view];
      if (view) view(root, settings);
    });
  });
})();
