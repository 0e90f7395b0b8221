// DOM code: links, forms and frames built from URL and message data.
const params = new URLSearchParams(window.location.search);

function renderReturnLink() {
  const link = document.createElement('a');
  // ruleid: no-javascript-url
  link.href = params.get('returnTo');
  link.textContent = 'Back';
  document.body.appendChild(link);

  const form = document.getElementById('checkout');
  // ruleid: no-javascript-url
  form.action = decodeURIComponent(location.hash.slice(1));
  // ruleid: no-javascript-url
  form.querySelector('button').setAttribute('formaction', params.get('submitTo'));
}

window.addEventListener('message', (event) => {
  const frame = document.createElement('iframe');
  // ruleid: no-javascript-url
  frame.src = event.data.url;
  const script = document.createElement('script');
  // ruleid: no-javascript-url
  script.src = 'https://' + event.data.cdnHost + '/widget.js';
  // ok: no-javascript-url
  script.src = 'https://cdn.example.com/widgets/' + encodeURIComponent(event.data.name) + '.js';
  document.body.append(frame, script);
});

function renderAvatar() {
  const img = document.createElement('img');
  // ok: no-javascript-url
  img.src = params.get('avatar');
  document.body.appendChild(img);
}

// A scheme allow-list, a relative path, a fixed origin: all rule out javascript: URLs.
const ALLOWED_PROTOCOLS = ['http:', 'https:'];

function renderCheckedLinks() {
  const raw = params.get('website');
  const anchor = document.querySelector('a.website');
  let url;
  try {
    url = new URL(raw);
  } catch {
    return;
  }
  if (!ALLOWED_PROTOCOLS.includes(url.protocol)) return;
  // ok: no-javascript-url
  anchor.href = url;
  // ok: no-javascript-url
  anchor.setAttribute('href', '/profile/' + params.get('user'));
  const next = params.get('next');
  if (next && next.startsWith('/') && !next.startsWith('//')) {
    // ok: no-javascript-url
    document.querySelector('a.next').href = next;
  }
}

// Navigation (location.href = ...) is an open-redirect question, reported by no-open-redirect.
function go() {
  // ok: no-javascript-url
  window.location.href = '/home';
}

function openHelp() {
  // ruleid: no-javascript-url
  window.open(params.get('helpUrl'), '_blank', 'noopener');
  // ok: no-javascript-url
  window.open('/help/' + encodeURIComponent(params.get('topic')), '_blank');
}

/* global $ */
function jqueryLinks() {
  // ruleid: no-javascript-url
  $('a.help').attr('href', params.get('help'));
  // ok: no-javascript-url
  $('a.help').attr('title', params.get('help'));
}

renderReturnLink();
renderAvatar();
renderCheckedLinks();
jqueryLinks();
openHelp();
go();
