/* dangjian 朗读: reads a material or notice aloud with the browser's speechSynthesis and a
 * Chinese voice, one paragraph at a time: play, pause, resume, stop; the paragraph being read
 * is highlighted and kept in view. Where the browser has no Chinese voice the control stays
 * hidden. Nothing here stops a member from reading or scrolling while it speaks. */
(function () {
  'use strict';

  var dj = window.dangjian;
  if (!dj) return;
  var BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td';
  // Page furniture, not text to read
  var SKIP = '.dj-facts, .dj-breadcrumbs, .dj-readaloud, .dj-mark, .md-source-file, .md-tags, ' +
    'nav, pre, .dj-quiz, .dj-table-hint, .dj-visually-hidden, [hidden]';

  function chineseVoice(synth) {
    var voices = synth.getVoices() || [];
    var chinese = voices.filter(function (v) { return /^zh/i.test(v.lang || ''); });
    return chinese.filter(function (v) { return /^zh[-_]CN/i.test(v.lang); })[0] || chinese[0] || null;
  }

  /* The blocks of the page's own text after the control, in reading order, innermost only
   * (a list item holding paragraphs is read as its paragraphs) */
  function blocks(place) {
    var article = place.closest('article') || document.querySelector('.md-content__inner');
    if (!article) return [];
    var title = article.querySelector('h1');
    var all = Array.prototype.slice.call(article.querySelectorAll(BLOCKS));
    return all.filter(function (node) {
      if (node !== title && !(place.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) return false;
      if (node.closest(SKIP) || node.querySelector(BLOCKS)) return false;
      return !!text(node);
    });
  }

  function text(node) {
    return node.textContent.replace(/¶/g, '').replace(/\s+/g, ' ').trim();
  }

  function Reader(place, synth, voice) {
    this.place = place;
    this.synth = synth;
    this.voice = voice;
    this.state = 'idle';
    this.run = 0;
    this.main = dj.el('button', { type: 'button', className: 'md-button dj-readaloud__main', 'data-action': 'read' });
    this.stopButton = dj.el('button', { type: 'button', className: 'md-button dj-readaloud__stop', text: '停止', 'aria-label': '停止朗读', hidden: true });
    this.status = dj.el('span', { className: 'dj-readaloud__status', role: 'status', 'aria-live': 'polite' });
    var reader = this;
    this.main.addEventListener('click', function () { reader.toggle(); });
    this.stopButton.addEventListener('click', function () { reader.stop(); });
    place.appendChild(dj.el('div', { className: 'dj-readaloud__bar', role: 'group', 'aria-label': '朗读本页' }, [this.main, this.stopButton, this.status]));
    place.hidden = false;
    this.show();
  }

  Reader.prototype.show = function () {
    var texts = { idle: ['朗读', '朗读本页正文'], playing: ['暂停', '暂停朗读'], paused: ['继续', '继续朗读'] };
    this.main.textContent = texts[this.state][0];
    this.main.setAttribute('aria-label', texts[this.state][1]);
    this.stopButton.hidden = this.state === 'idle';
  };

  Reader.prototype.toggle = function () {
    if (this.state === 'idle') this.start();
    else if (this.state === 'playing') { this.synth.pause(); this.state = 'paused'; this.status.textContent = '已暂停'; }
    else { this.synth.resume(); this.state = 'playing'; this.status.textContent = '正在朗读'; }
    this.show();
  };

  Reader.prototype.start = function () {
    this.items = blocks(this.place);
    if (!this.items.length) return;
    this.synth.cancel();
    this.state = 'playing';
    this.status.textContent = '正在朗读';
    this.speak(0);
  };

  Reader.prototype.speak = function (index) {
    var reader = this;
    var run = ++this.run;
    this.mark(null);
    if (index >= this.items.length) {
      this.state = 'idle';
      this.status.textContent = '朗读完毕';
      this.show();
      return;
    }
    var node = this.items[index];
    this.mark(node);
    var utterance = new window.SpeechSynthesisUtterance(text(node));
    utterance.lang = this.voice.lang || 'zh-CN';
    utterance.voice = this.voice;
    utterance.onend = function () { if (run === reader.run) reader.speak(index + 1); };
    utterance.onerror = function () { if (run === reader.run) reader.stop(); };
    this.synth.speak(utterance);
  };

  /* Highlight the paragraph being read and scroll it into view when it is not */
  Reader.prototype.mark = function (node) {
    if (this.current) this.current.classList.remove('dj-reading');
    this.current = node;
    if (!node) return;
    node.classList.add('dj-reading');
    var header = document.querySelector('.md-header');
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var box = node.getBoundingClientRect();
    if (box.top < top || box.bottom > window.innerHeight) node.scrollIntoView({ block: 'center' });
  };

  Reader.prototype.stop = function () {
    this.run++;
    this.synth.cancel();
    this.mark(null);
    this.state = 'idle';
    this.status.textContent = '已停止朗读';
    this.show();
  };

  dj.ready(function () {
    var place = document.querySelector('[data-dj-readaloud]');
    var synth = window.speechSynthesis;
    if (!place || !synth || !window.SpeechSynthesisUtterance) return;
    var reader = null;
    function offer() {
      var voice = chineseVoice(synth);
      if (voice && !reader) reader = dj.readAloud = new Reader(place, synth, voice);
    }
    offer();
    // Voices often arrive after the page has loaded
    if (!reader && synth.addEventListener) synth.addEventListener('voiceschanged', offer);
    window.addEventListener('pagehide', function () { if (reader && reader.state !== 'idle') synth.cancel(); });
  });
})();
