/* dangjian quiz data and rules: loads compiled banks and the catalogue (with the constants the
 * build writes once), decodes and grades answers, scores exams, seeded random papers, and the
 * member's progress and wrong-answer book in dangjian.storage. No DOM here: the node tests in
 * tests/quiz/js/ run this file as it is. quiz-session.js and quiz.js draw the pages.
 * Classic script, ES2017: banks arrive as classic scripts calling dangjian.registerBank(). */
(function () {
  'use strict';

  var dj = window.dangjian = window.dangjian || {};
  var quiz = dj.quiz = {};
  var BASE = 'assets/dangjian/quiz/';
  var banks = {};
  var catalogue = null;

  /* The constants the build writes into the catalogue (compile.py browser_constants): question
   * types in paper order with their names, option letters, judge answers' words, default points */
  quiz.TYPES = [];
  quiz.TYPE_NAMES = {};
  quiz.useConstants = function (constants) {
    quiz.TYPES = constants.types.map(function (pair) { return pair[0]; });
    quiz.TYPE_NAMES = {};
    constants.types.forEach(function (pair) { quiz.TYPE_NAMES[pair[0]] = pair[1]; });
    quiz.LETTERS = constants.letters;
    quiz.JUDGE_NAMES = constants.judge;
    quiz.DEFAULT_SCORE = constants.score;
  };

  dj.registerBank = function (data) { banks[data.id] = data; };
  dj.registerCatalogue = function (data) {
    catalogue = data;
    quiz.useConstants(data.constants);
  };

  /* The list of all banks (assets/dangjian/quiz/catalogue.js) */
  quiz.catalogue = function () {
    return dj.loadScript(BASE + 'catalogue.js').then(function () { return catalogue; });
  };

  function loadBank(id) {
    if (banks[id]) return Promise.resolve(banks[id]);
    return dj.loadScript(BASE + id + '.js').then(function () {
      if (!banks[id]) throw new Error('题库 ' + id + ' 没有内容');
      return banks[id];
    });
  }

  /* Banks by id, loaded on first use, together with the catalogue that carries the constants */
  quiz.banks = function (ids) {
    return Promise.all([quiz.catalogue()].concat(ids.map(loadBank))).then(function (loaded) {
      return loaded.slice(1);
    });
  };

  quiz.bank = function (id) { return quiz.banks([id]).then(function (list) { return list[0]; }); };

  /* Answers are JSON, XOR-encoded with a per-question key, then base64 (compile.py
   * encode_answer; a speed bump, not a secret) */
  quiz.decode = function (encoded, key) {
    var raw = atob(encoded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i) ^ key.charCodeAt(i % key.length);
    }
    return JSON.parse(new TextDecoder('utf-8').decode(bytes));
  };

  var decoded = {};
  quiz.answer = function (bankId, q) {
    var cacheKey = bankId + '/' + q.id;
    if (!Object.prototype.hasOwnProperty.call(decoded, cacheKey)) decoded[cacheKey] = quiz.decode(q.a, q.k);
    return decoded[cacheKey];
  };

  /* Fill-in comparison ignores full-width/half-width forms, case and surrounding spaces */
  quiz.normalize = function (text) {
    return String(text === undefined || text === null ? '' : text)
      .normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  };

  /* Is `response` right for a question of `type` whose decoded answer is `answer`?
   * single: 'B'; multiple: ['A','C'] (the answer is sorted by the build); judge: true/false;
   * fill: one text per blank, each matching one accepted text of its blank after normalize */
  quiz.correct = function (type, answer, response) {
    if (response === undefined || response === null) return false;
    if (type === 'single') return answer.length === 1 && response === answer[0];
    if (type === 'multiple') {
      var given = response.slice().sort();
      return given.length === answer.length && given.every(function (k, i) { return k === answer[i]; });
    }
    if (type === 'judge') return response === answer;
    return answer.every(function (accepted, i) {
      var mine = quiz.normalize(response[i]);
      return mine !== '' && accepted.some(function (a) { return quiz.normalize(a) === mine; });
    });
  };

  quiz.grade = function (bankId, q, response) {
    return quiz.correct(q.type, quiz.answer(bankId, q), response);
  };

  quiz.answered = function (q, response) {
    if (response === undefined || response === null) return false;
    if (q.type === 'multiple') return response.length > 0;
    if (q.type === 'fill') return response.some(function (r) { return quiz.normalize(r) !== ''; });
    return true;
  };

  /* The correct answer as members read it, with the displayed option letters */
  quiz.answerText = function (bankId, q, letters) {
    var answer = quiz.answer(bankId, q);
    if (q.type === 'judge') return quiz.JUDGE_NAMES[String(answer)];
    if (q.type === 'fill') {
      return answer.map(function (accepted) { return accepted.join(' 或 '); }).join('；');
    }
    return answer.map(function (key) { return letters ? letters[key] : key; }).sort().join('');
  };

  /* Points without the noise of adding decimals (0.1 + 0.2 is 0.3 here) */
  function points(value) { return Math.round(value * 1e6) / 1e6; }

  /* Right and wrong of a finished round: `marks[i]` says whether `items[i]` was answered right */
  quiz.tally = function (items, marks) {
    return {
      right: marks.filter(Boolean).length,
      wrong: items.filter(function (item, i) { return !marks[i]; })
    };
  };

  /* An exam's result from the member's responses (items {bank, q}, as quiz.paper makes them):
   * a question scores its points only when answered and right, percent is of the total with
   * one decimal, and passing means reaching the pass mark (a percent) */
  quiz.score = function (items, responses, passScore) {
    var total = 0;
    var got = 0;
    var marks = items.map(function (item, i) {
      var correct = quiz.answered(item.q, responses[i]) && quiz.grade(item.bank, item.q, responses[i]);
      total += item.q.score;
      if (correct) got += item.q.score;
      return correct;
    });
    got = points(got);
    total = points(total);
    var percent = total ? Math.round(got / total * 1000) / 10 : 0;
    var tally = quiz.tally(items, marks);
    return { marks: marks, right: tally.right, wrong: tally.wrong, score: got, total: total, percent: percent, passed: percent >= passScore };
  };

  /* What quiz.exams keeps of an exam (read by plans.js and record.js) */
  quiz.examRecord = function (result, options, date) {
    var exam = { banks: options.banks, seed: options.seed === undefined ? null : String(options.seed), date: date, score: result.score, total: result.total, percent: result.percent, passed: result.passed };
    if (options.paper) exam.paper = options.paper;
    return exam;
  };

  /* The newest of `exams` taken from the same view: the same study-plan paper, or else the same
   * set of banks outside any plan (a paper drawn from two banks is not the first bank's exam) */
  quiz.lastExam = function (exams, banks, paper) {
    var key = banks.slice().sort().join('\n');
    for (var i = exams.length - 1; i >= 0; i--) {
      var e = exams[i];
      if (!Array.isArray(e.banks)) continue;
      if (paper ? e.paper === paper : !e.paper && e.banks.slice().sort().join('\n') === key) return e;
    }
    return null;
  };

  /* Seeded random numbers: xmur3 hash of the seed text, then mulberry32 */
  quiz.random = function (seed) {
    var text = String(seed);
    var h = 1779033703 ^ text.length;
    for (var i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    var state = (h ^= h >>> 16) >>> 0;
    return function () {
      state = (state + 0x6D2B79F5) | 0;
      var t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };

  quiz.shuffle = function (list, rand) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1));
      var tmp = copy[i]; copy[i] = copy[j]; copy[j] = tmp;
    }
    return copy;
  };

  quiz.newSeed = function () { return String(100000 + Math.floor(Math.random() * 900000)); };

  /* A session's items {bank, q, options}: whole banks in file order, or a seeded random draw
   * of `draw` = {type: count} (or `count` of any type), grouped by type as papers are. */
  quiz.paper = function (bankList, opts) {
    opts = opts || {};
    var rand = quiz.random(opts.seed === undefined ? 'dangjian' : opts.seed);
    var pool = [];
    bankList.forEach(function (bank) {
      bank.questions.forEach(function (q) { pool.push({ bank: bank, q: q }); });
    });
    var chosen = pool;
    if (opts.draw || opts.count) {
      chosen = [];
      if (opts.draw) {
        quiz.TYPES.forEach(function (type) {
          var count = opts.draw[type] || 0;
          var ofType = pool.filter(function (item) { return item.q.type === type; });
          chosen = chosen.concat(quiz.shuffle(ofType, rand).slice(0, count));
        });
      } else {
        chosen = quiz.shuffle(pool, rand).slice(0, opts.count);
        chosen.sort(function (a, b) { return quiz.TYPES.indexOf(a.q.type) - quiz.TYPES.indexOf(b.q.type); });
      }
    }
    return chosen.map(function (item) {
      var options = item.q.options || [];
      if (opts.shuffleOptions && item.bank.shuffle !== false) options = quiz.shuffle(options, rand);
      return { bank: item.bank.id, q: item.q, options: options };
    });
  };

  /* How many of a type a paper asks for: the member's number, within 0 and what the banks have */
  quiz.drawCount = function (value, have) {
    return Math.max(0, Math.min(+have, parseInt(value, 10) || 0));
  };

  /* A random paper's settings in the page address, so a link gives others the same paper:
   * #seed=…&banks=a,b&single=5&…&mode=exam */
  quiz.paperHash = function (seed, bankIds, draw, mode) {
    var address = ['seed=' + encodeURIComponent(seed), 'banks=' + bankIds.join(',')];
    quiz.TYPES.forEach(function (type) { address.push(type + '=' + draw[type]); });
    address.push('mode=' + mode);
    return '#' + address.join('&');
  };

  /* The settings of such an address ({seed, banks, single, …, mode} as texts), or null */
  quiz.readPaperHash = function (hash) {
    var found = {};
    String(hash || '').replace(/^#/, '').split('&').forEach(function (pair) {
      var parts = pair.split('=');
      if (parts.length === 2 && parts[1] !== '') found[decodeURIComponent(parts[0])] = decodeURIComponent(parts[1]);
    });
    return found.seed ? found : null;
  };

  /* Progress {bank: {question: [attempts, correct, lastCorrect]}}, the wrong-answer book
   * {"bank/question": {bank, id, times, date}} and exam results, in dangjian.storage */
  var store = quiz.store = {};
  store.progress = function () { return dj.storage.get('quiz.progress', {}); };
  store.wrong = function () { return dj.storage.get('quiz.wrong', {}); };
  store.exams = function () { return dj.storage.get('quiz.exams', []); };

  store.record = function (bankId, qid, correct) {
    var progress = store.progress();
    var bank = progress[bankId] = progress[bankId] || {};
    var entry = bank[qid] || [0, 0, 0];
    bank[qid] = [entry[0] + 1, entry[1] + (correct ? 1 : 0), correct ? 1 : 0];
    dj.storage.set('quiz.progress', progress);
    if (!correct) {
      var wrong = store.wrong();
      var key = bankId + '/' + qid;
      var old = wrong[key] || { bank: bankId, id: qid, times: 0 };
      wrong[key] = { bank: bankId, id: qid, times: old.times + 1, date: dj.today() };
      dj.storage.set('quiz.wrong', wrong);
    }
  };

  store.removeWrong = function (bankId, qid) {
    var wrong = store.wrong();
    delete wrong[bankId + '/' + qid];
    dj.storage.set('quiz.wrong', wrong);
  };

  store.isWrong = function (bankId, qid) {
    return Object.prototype.hasOwnProperty.call(store.wrong(), bankId + '/' + qid);
  };

  store.addExam = function (result) {
    var exams = store.exams();
    exams.push(result);
    dj.storage.set('quiz.exams', exams.slice(-50));
  };

  /* {answered, correct} for one bank: questions tried at least once / right the last time */
  store.summary = function (bankId) {
    var bank = store.progress()[bankId] || {};
    var ids = Object.keys(bank);
    return {
      answered: ids.length,
      correct: ids.filter(function (id) { return bank[id][2] === 1; }).length
    };
  };

  store.exportData = function () {
    return {
      format: 'dangjian-quiz-progress',
      version: 1,
      site: dj.site,
      exported: dj.today(),
      progress: store.progress(),
      wrong: store.wrong(),
      exams: store.exams()
    };
  };

  /* Merge an exported file into what is stored; returns the number of wrong questions added */
  store.importData = function (data) {
    if (!data || data.format !== 'dangjian-quiz-progress' || typeof data.progress !== 'object') {
      throw new Error('这不是本站导出的自测进度文件');
    }
    var progress = store.progress();
    Object.keys(data.progress || {}).forEach(function (bankId) {
      var mine = progress[bankId] = progress[bankId] || {};
      var theirs = data.progress[bankId] || {};
      Object.keys(theirs).forEach(function (qid) {
        var t = theirs[qid];
        if (!Array.isArray(t) || t.length !== 3) return;
        var m = mine[qid] || [0, 0, 0];
        mine[qid] = [Math.max(m[0], +t[0] || 0), Math.max(m[1], +t[1] || 0), t[2] ? 1 : 0];
      });
    });
    dj.storage.set('quiz.progress', progress);
    var wrong = store.wrong();
    var added = 0;
    Object.keys(data.wrong || {}).forEach(function (key) {
      var item = data.wrong[key];
      if (!item || typeof item.bank !== 'string' || typeof item.id !== 'string') return;
      if (!wrong[key]) added++;
      wrong[key] = { bank: item.bank, id: item.id, times: +item.times || 1, date: String(item.date || '') };
    });
    dj.storage.set('quiz.wrong', wrong);
    if (Array.isArray(data.exams)) dj.storage.set('quiz.exams', store.exams().concat(data.exams).slice(-50));
    return added;
  };
})();
