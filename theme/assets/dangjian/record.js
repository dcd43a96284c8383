/* dangjian 我的学习记录: materials studied (dates, 学时), totals per year, topic and plan,
 * exam results and the wrong-answer book, all read from this browser's storage; CSV and JSON
 * export, JSON import that merges and never drops an entry. Nothing is sent anywhere.
 * Classic script, ES2017. */
(function () {
  'use strict';

  var dj = window.dangjian;
  var FORMAT = 'dangjian-record';

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function round(n) { return Math.round(n * 100) / 100; }
  function object(value) { return value && typeof value === 'object' && !Array.isArray(value) ? value : {}; }

  /* A study plan's random paper by its title, any other exam by its banks */
  function examName(exam, catalogue) {
    var papers = object(catalogue.papers);
    if (exam.paper && has(papers, exam.paper)) return papers[exam.paper];
    return exam.banks.map(function (b) { return catalogue.banks[b] || b; }).join('、');
  }

  /* Everything the member has on this device, in the keys the other features write */
  function stored() {
    return {
      progress: { done: object(object(dj.storage.get('progress', null)).done) },
      quiz: {
        progress: object(dj.storage.get('quiz.progress', {})),
        wrong: object(dj.storage.get('quiz.wrong', {})),
        exams: (function (e) { return Array.isArray(e) ? e : []; })(dj.storage.get('quiz.exams', []))
      },
      plans: { done: object(object(dj.storage.get('plans', null)).done) }
    };
  }

  /* The record: studied materials with catalogue facts, exams by bank, per-plan totals */
  function compute(catalogue, data) {
    var byId = {};
    catalogue.materials.forEach(function (m) {
      byId[m[0]] = { id: m[0], title: m[1], topic: m[2], hours: Number(m[3]) || 0, url: m[4] };
    });
    var studied = Object.keys(data.progress.done).filter(function (id) { return has(byId, id); }).map(function (id) {
      var m = byId[id];
      return { id: id, title: m.title, topic: m.topic, hours: m.hours, url: m.url, date: String(data.progress.done[id]).slice(0, 10) };
    }).sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : a.title < b.title ? -1 : 1; });
    var years = {};
    studied.forEach(function (row) {
      var year = row.date.slice(0, 4) || '未知';
      var y = years[year] = years[year] || { year: year, materials: [], topics: {}, hours: 0, exams: {} };
      y.materials.push(row);
      y.hours += row.hours;
      var t = y.topics[row.topic] = y.topics[row.topic] || { topic: row.topic, count: 0, hours: 0 };
      t.count += 1;
      t.hours += row.hours;
    });
    data.quiz.exams.forEach(function (exam) {
      if (!exam || !Array.isArray(exam.banks)) return;
      var date = String(exam.date || '').slice(0, 10);
      var year = date.slice(0, 4) || '未知';
      var y = years[year] = years[year] || { year: year, materials: [], topics: {}, hours: 0, exams: {} };
      var name = examName(exam, catalogue);
      var r = y.exams[name] = y.exams[name] || { name: name, times: 0, best: -1, date: '', passed: false };
      var percent = Number(exam.percent) || 0;
      r.times += 1;
      if (percent > r.best) { r.best = percent; r.date = date; }
      r.passed = r.passed || !!exam.passed;
    });
    var plans = catalogue.plans.map(function (plan) {
      var today = dj.today();
      var done = plan.tasks.filter(function (check) { return dj.plans.evaluate(check, today).done; }).length;
      var inPlan = studied.filter(function (row) { return plan.ids.indexOf(row.id) >= 0; });
      var hours = inPlan.reduce(function (sum, row) { return sum + row.hours; }, 0);
      return { title: plan.title, done: done, total: plan.tasks.length, count: inPlan.length, hours: hours };
    });
    return {
      studied: studied,
      hours: studied.reduce(function (sum, row) { return sum + row.hours; }, 0),
      years: Object.keys(years).sort().reverse().map(function (k) { return years[k]; }),
      plans: plans,
      exams: data.quiz.exams.length,
      wrong: Object.keys(data.quiz.wrong).length
    };
  }

  function table(caption, heads, rows) {
    return dj.el('div', { className: 'dj-table-wrap' }, [
      dj.el('table', { className: 'dj-record-table' }, [
        dj.el('caption', { text: caption }),
        dj.el('thead', {}, [dj.el('tr', {}, heads.map(function (h) { return dj.el('th', { scope: 'col', text: h }); }))]),
        dj.el('tbody', {}, rows.map(function (cells) {
          return dj.el('tr', {}, cells.map(function (c) { return dj.el('td', {}, [typeof c === 'object' ? c : String(c)]); }));
        }))
      ])
    ]);
  }

  function render(box, catalogue) {
    var record = compute(catalogue, stored());
    box.textContent = '';
    box.appendChild(dj.el('p', { className: 'dj-record-summary', 'data-dj-total': '' },
      ['共学习资料 ' + record.studied.length + ' 篇，合计 ' + round(record.hours) + ' 学时；考试 ' + record.exams + ' 次；错题本 ' + record.wrong + ' 题。']));
    if (record.plans.length) {
      box.appendChild(table('学习计划完成情况', ['学习计划', '已完成任务', '计划内已学资料', '学时'], record.plans.map(function (p) {
        return [p.title, p.done + '/' + p.total, p.count + ' 篇', round(p.hours)];
      })));
    }
    if (!record.years.length) {
      box.appendChild(dj.el('p', { text: '本机还没有学习记录。在学习资料页点「标记为已学」、完成自测考试后，这里会自动汇总。' }));
    }
    record.years.forEach(function (y) {
      var section = dj.el('section', { className: 'dj-record-year', 'data-dj-year': y.year, 'aria-labelledby': 'dj-record-' + y.year });
      section.appendChild(dj.el('h2', { id: 'dj-record-' + y.year, text: y.year + ' 年学习记录' }));
      section.appendChild(dj.el('p', { className: 'dj-record-print-name', text: '姓名：' + memberName() }));
      section.appendChild(dj.el('p', { className: 'dj-record-year-total', text: y.year + ' 年共学习资料 ' + y.materials.length + ' 篇，合计 ' + round(y.hours) + ' 学时。' }));
      if (y.materials.length) {
        section.appendChild(table('已学资料', ['日期', '学习资料', '专题', '学时'], y.materials.map(function (m) {
          return [m.date, dj.el('a', { href: dj.url(m.url), text: m.title }), m.topic, round(m.hours)];
        })));
        section.appendChild(table('按专题合计', ['专题', '篇数', '学时'], Object.keys(y.topics).map(function (k) {
          var t = y.topics[k];
          return [t.topic, t.count, round(t.hours)];
        })));
      }
      var exams = Object.keys(y.exams).map(function (k) { return y.exams[k]; });
      if (exams.length) {
        section.appendChild(table('自测考试成绩', ['题库', '次数', '最好成绩', '日期', '是否及格'], exams.map(function (r) {
          return [r.name, r.times, r.best + ' 分', r.date, r.passed ? '及格' : '未及格'];
        })));
      }
      box.appendChild(section);
    });
    return record;
  }

  /* The name typed for printing: read from the field, never stored */
  function memberName() {
    var field = document.getElementById('dj-record-name');
    return field ? field.value : '';
  }

  function csvCell(value) {
    var text = String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /* UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly */
  function toCSV(catalogue) {
    var record = compute(catalogue, stored());
    var lines = [['类别', '日期', '名称', '专题或题库', '学时', '成绩'].join(',')];
    record.studied.forEach(function (m) {
      lines.push(['学习资料', m.date, m.title, m.topic, round(m.hours), ''].map(csvCell).join(','));
    });
    stored().quiz.exams.forEach(function (exam) {
      if (!exam || !Array.isArray(exam.banks)) return;
      var name = examName(exam, catalogue);
      lines.push(['考试', String(exam.date || ''), '自测考试', name, '', (Number(exam.percent) || 0) + ' 分'].map(csvCell).join(','));
    });
    return '\ufeff' + lines.join('\r\n') + '\r\n';
  }

  function save(filename, text, type) {
    var link = dj.el('a', { href: URL.createObjectURL(new Blob([text], { type: type })), download: filename });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function exportData() {
    var data = stored();
    return { format: FORMAT, version: 1, site: dj.site, exported: dj.today(), progress: data.progress, quiz: data.quiz, plans: data.plans };
  }

  function examKey(e) {
    return [e.date, (e.banks || []).join('+'), e.score, e.total, e.percent, e.seed].join('|');
  }

  /* Merge an exported record into this device: union of every entry, nothing removed */
  function importData(data) {
    if (data instanceof Error) return data.message;
    if (!data || (data.format !== FORMAT && data.format !== 'dangjian-progress')) return '这不是本站导出的学习记录文件';
    var mine = stored();
    var added = { materials: 0, exams: 0, wrong: 0, tasks: 0 };
    var done = object(data.format === FORMAT ? object(data.progress).done : data.done);
    Object.keys(done).forEach(function (id) {
      if (!has(mine.progress.done, id)) { mine.progress.done[id] = String(done[id]).slice(0, 10); added.materials += 1; }
    });
    var quiz = object(data.quiz);
    var keys = {};
    mine.quiz.exams.forEach(function (e) { keys[examKey(e)] = true; });
    (Array.isArray(quiz.exams) ? quiz.exams : []).forEach(function (e) {
      if (e && Array.isArray(e.banks) && !keys[examKey(e)]) { keys[examKey(e)] = true; mine.quiz.exams.push(e); added.exams += 1; }
    });
    mine.quiz.exams.sort(function (a, b) { return String(a.date) < String(b.date) ? -1 : String(a.date) > String(b.date) ? 1 : 0; });
    var wrong = object(quiz.wrong);
    Object.keys(wrong).forEach(function (key) {
      if (!has(mine.quiz.wrong, key)) { mine.quiz.wrong[key] = wrong[key]; added.wrong += 1; }
    });
    var progress = object(quiz.progress);
    Object.keys(progress).forEach(function (bank) {
      var into = mine.quiz.progress[bank] = object(mine.quiz.progress[bank]);
      var from = object(progress[bank]);
      Object.keys(from).forEach(function (q) { if (!has(into, q)) into[q] = from[q]; });
    });
    var tasks = object(object(data.plans).done);
    Object.keys(tasks).forEach(function (key) {
      if (!has(mine.plans.done, key)) { mine.plans.done[key] = String(tasks[key]).slice(0, 10); added.tasks += 1; }
    });
    dj.storage.set('progress', mine.progress);
    dj.storage.set('quiz.exams', mine.quiz.exams);
    dj.storage.set('quiz.wrong', mine.quiz.wrong);
    dj.storage.set('quiz.progress', mine.quiz.progress);
    dj.storage.set(dj.plans.KEY, mine.plans);
    return '已合并导入：新增已学资料 ' + added.materials + ' 篇、考试成绩 ' + added.exams + ' 次、错题 ' + added.wrong + ' 题、完成任务 ' + added.tasks + ' 项。';
  }

  function tools(box, catalogue, redraw) {
    var status = dj.el('p', { className: 'dj-fact', role: 'status' });
    var button = function (text, onclick) {
      return dj.el('button', { type: 'button', className: 'md-button', text: text, onclick: onclick });
    };
    box.textContent = '';
    box.appendChild(button('打印', function () { window.print(); }));
    box.appendChild(button('导出 Excel 表格（CSV）', function () {
      save('学习记录-' + dj.today() + '.csv', toCSV(catalogue), 'text/csv;charset=utf-8');
    }));
    box.appendChild(button('导出备份（JSON）', function () {
      save('学习记录-' + dj.today() + '.json', JSON.stringify(exportData(), null, 2), 'application/json');
    }));
    box.appendChild(button('导入备份（JSON）', function () {
      dj.pickJSON(function (data) {
        status.textContent = importData(data);
        redraw();
      });
    }));
    box.appendChild(status);
  }

  dj.record = { compute: compute, importData: importData, exportData: exportData };

  dj.ready(function () {
    var box = document.querySelector('.dj-record[data-dj-record]');
    if (!box) return;
    var catalogue;
    try { catalogue = JSON.parse(box.getAttribute('data-dj-record')); } catch (e) { return; }
    var redraw = function () { render(box, catalogue); };
    redraw();
    var toolbox = document.querySelector('[data-dj-record-tools]');
    if (toolbox) tools(toolbox, catalogue, redraw);
    window.addEventListener('storage', redraw);
    var field = document.getElementById('dj-record-name');
    if (field) {
      field.addEventListener('input', function () {
        Array.prototype.forEach.call(document.querySelectorAll('.dj-record-print-name'), function (line) {
          line.textContent = '姓名：' + field.value;
        });
      });
    }
  });
})();
