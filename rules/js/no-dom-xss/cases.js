// Browser code of a small single-page app: search box, notifications, widgets, print preview.
import DOMPurify from 'dompurify';
import escapeHtml from 'escape-html';

const resultsEl = document.getElementById('results');
const titleEl = document.querySelector('h1.title');
const params = new URLSearchParams(window.location.search);

function showSearchTerm() {
  const term = params.get('q');
  // ruleid: no-dom-xss
  resultsEl.innerHTML = 'Results for ' + term;
  // ruleid: no-dom-xss
  titleEl.innerHTML = `<em>${term}</em>`;
  // ok: no-dom-xss
  resultsEl.textContent = 'Results for ' + term;
  // ok: no-dom-xss
  titleEl.innerHTML = `<em>${escapeHtml(term)}</em>`;
}

function showTab() {
  const tab = decodeURIComponent(location.hash.slice(1));
  // ruleid: no-dom-xss
  document.getElementById('tab-title').innerHTML = tab;
  // ruleid: no-dom-xss
  document.querySelector('.breadcrumbs').insertAdjacentHTML('beforeend', '<li>' + tab + '</li>');
  // ok: no-dom-xss
  document.querySelector('.breadcrumbs').insertAdjacentText('beforeend', tab);
}

function welcome() {
  // ruleid: no-dom-xss
  document.write('<p>Welcome back! You came from ' + document.referrer + '</p>');
  // ruleid: no-dom-xss
  document.write("<OPTION value=1>" + document.location.href.substring(document.location.href.indexOf("default=") + 8) + "</OPTION>");
  // ok: no-dom-xss
  document.write('<OPTION value=2>English</OPTION>');
}

// Cross-window messages: anyone can postMessage to this window.
window.addEventListener('message', (event) => {
  if (event.data.type === 'notification') {
    const box = document.createElement('div');
    // ruleid: no-dom-xss
    box.innerHTML = event.data.html;
    // ok: no-dom-xss
    box.innerHTML = DOMPurify.sanitize(event.data.html);
    document.body.appendChild(box);
  }
});

function renderPreview() {
  const frame = document.getElementById('preview');
  const html = params.get('preview');
  // ruleid: no-dom-xss
  frame.srcdoc = html;
  const range = document.createRange();
  // ruleid: no-dom-xss
  const fragment = range.createContextualFragment(window.name);
  document.body.appendChild(fragment);
  const win = window.open('', '_blank');
  // ruleid: no-dom-xss
  win.document.write('<h1>' + params.get('title') + '</h1>');
  win.document.close();
}

function renderButton() {
  const button = document.createElement('button');
  // ruleid: no-dom-xss
  button.setAttribute('onclick', 'track("' + params.get('campaign') + '")');
  // ok: no-dom-xss
  button.setAttribute('data-campaign', params.get('campaign'));
  document.body.append(button);
}

// Safe: constant markup, numbers, text APIs, and DOM append (which treats strings as text).
function renderCounters(items) {
  const count = parseInt(params.get('page'), 10);
  // ok: no-dom-xss
  resultsEl.innerHTML = '<span class="spinner"></span>';
  // ok: no-dom-xss
  resultsEl.innerHTML = '<b>Page ' + count + '</b>';
  // ok: no-dom-xss
  resultsEl.innerHTML = '';
  // ok: no-dom-xss
  resultsEl.append(params.get('q'));
  // ok: no-dom-xss
  titleEl.innerText = params.get('q');
  // ok: no-dom-xss
  resultsEl.innerHTML += `<li>${items.length} results</li>`;
}

// Sanitised with the Sanitizer-free options developers use: DOMPurify and escaping helpers.
function renderComment(comment) {
  const q = location.hash.substring(1);
  // ok: no-dom-xss
  resultsEl.innerHTML = DOMPurify.sanitize('<p>' + q + '</p>');
  // ok: no-dom-xss
  resultsEl.innerHTML = '<p>' + escapeHtml(q) + '</p>';
  // ok: no-dom-xss
  resultsEl.innerHTML = comment ? '<p>ok</p>' : '<p>none</p>';
}

showSearchTerm();
showTab();
welcome();
renderPreview();
renderButton();
renderCounters([]);
renderComment(null);
