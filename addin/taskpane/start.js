/*
 * The task pane's start-up check. ES5 only (no let/const, arrow functions, classes, `??`): it
 * must parse and run in Internet Explorer 11 and EdgeHTML, the web views Office 2019 and older
 * Windows 10 builds use for add-ins, where the bundle (ES2022) cannot even be parsed. There it
 * shows what to do instead of a blank pane, and tells the bundle not to start. A test parses this
 * file as ES5 (test/addin/startScript.test.ts) and opens the built pane with an IE11 user agent.
 */
(function () {
  'use strict';

  var MESSAGE = 'Phiên bản Office này không chạy được ngăn tác vụ; bảng chấm điểm vẫn dùng được: điền xong rồi nộp trên trang dành cho đơn vị';
  var LINK = 'Mở trang dành cho đơn vị';
  var UNIT_PAGE = '/don-vi/';

  /** Engines that cannot run the bundle: IE (Trident), EdgeHTML ("Edge/"; Chromium Edge says "Edg/"), or lacking ES2020. */
  function unsupported() {
    var agent = String(window.navigator && window.navigator.userAgent || '');
    if (/Trident\/|MSIE /.test(agent) || /\bEdge\/\d/.test(agent)) return true;
    return typeof window.Promise !== 'function' || typeof window.Symbol !== 'function' ||
      typeof Object.fromEntries !== 'function' || typeof globalThis === 'undefined' ||
      typeof String.prototype.matchAll !== 'function';
  }

  function show() {
    var root = document.getElementById('root') || document.body;
    if (!root || root.getAttribute('data-start-message')) return;
    root.setAttribute('data-start-message', 'shown');
    while (root.firstChild) root.removeChild(root.firstChild);
    var box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.setAttribute('data-testid', 'old-office');
    box.style.padding = '16px';
    box.style.fontSize = '14px';
    box.style.lineHeight = '1.5';
    var text = document.createElement('p');
    text.appendChild(document.createTextNode(MESSAGE + '.'));
    var link = document.createElement('a');
    link.href = UNIT_PAGE;
    link.target = '_blank';
    link.appendChild(document.createTextNode(LINK));
    box.appendChild(text);
    box.appendChild(link);
    root.appendChild(box);
  }

  function whenReady(run) {
    if (document.readyState !== 'loading') run();
    else document.addEventListener('DOMContentLoaded', run, false);
  }

  var gate = { supported: !unsupported(), started: false };
  window.dienHinhStart = gate;
  if (!gate.supported) {
    whenReady(show);
    return;
  }
  // An engine the checks above let through that still cannot run the bundle (it failed to
  // parse or threw before starting): say so rather than leave the pane blank.
  window.addEventListener('load', function () {
    if (!gate.started) show();
  }, false);
}());
