// Client-side navigation from the page URL.
const params = new URLSearchParams(window.location.search);

function afterLogin() {
  // ruleid: no-open-redirect
  window.location.href = params.get('next');
}

function openFromHash() {
  // ruleid: no-open-redirect
  location.assign(decodeURIComponent(location.hash.slice(1)));
}

window.addEventListener('message', (event) => {
  if (event.data.type === 'navigate') {
    // ruleid: no-open-redirect
    window.location = event.data.url;
  }
});

function goToSection() {
  // ok: no-open-redirect
  window.location.href = '/help/' + params.get('section');
}

function clearQuery() {
  // ok: no-open-redirect
  window.location.href = window.location.href.split('?')[0];
}

function nextPage() {
  const query = new URLSearchParams(location.search);
  query.set('page', '2');
  // ok: no-open-redirect
  window.location.href = window.location.pathname + '?' + query.toString();
}

function safeNext() {
  const next = params.get('next') || '/';
  if (next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) {
    // ok: no-open-redirect
    location.replace(next);
  }
}

function absoluteHome() {
  // ok: no-open-redirect
  location.href = 'https://app.example.com/' + params.get('page');
}

afterLogin();
openFromHash();
goToSection();
clearQuery();
safeNext();
absoluteHome();
nextPage();
