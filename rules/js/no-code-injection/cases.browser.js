// Browser code: the URL and postMessage data are attacker-controlled.
const params = new URLSearchParams(window.location.search);

function runCallback() {
  const callback = params.get('callback');
  // ruleid: no-code-injection
  window.eval(callback + '()');
}

window.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'exec') {
    // ruleid: no-code-injection
    eval(event.data.code);
  }
});

function scheduleRefresh() {
  const panel = location.hash.slice(1);
  // ruleid: no-code-injection
  setTimeout('refreshPanel("' + panel + '")', 1000);
  // ok: no-code-injection
  setTimeout(() => refreshPanel(panel), 1000);
  // ok: no-code-injection
  setInterval(refreshAll, 60000);
}

function refreshPanel(name) {
  document.getElementById(name)?.classList.add('stale');
}

function refreshAll() {
  document.querySelectorAll('.panel').forEach((el) => el.classList.add('stale'));
}

window.addEventListener('message', (event) => {
  if (event.origin !== 'https://app.example.com') return;
  // ok: no-code-injection
  const settings = JSON.parse(event.data);
  applySettings(settings);
});

function applySettings(settings) {
  document.body.dataset.theme = settings.theme;
}

function loadTrackingSnippet() {
  const snippet = document.createElement('script');
  // ruleid: no-code-injection
  snippet.text = 'trackCampaign("' + params.get('utm_campaign') + '");';
  // ok: no-code-injection
  snippet.text = 'trackCampaign(' + JSON.stringify(params.get('utm_campaign')) + ');';
  document.head.appendChild(snippet);
  const note = document.createElement('p');
  // ok: no-code-injection
  note.textContent = params.get('utm_campaign');
  document.body.appendChild(note);
}

loadTrackingSnippet();

// A library shim passing its callback through to a timer: a function, not code.
export function nextTick(callback) {
  // ok: no-code-injection
  setTimeout(callback, 0);
}

export function delayedLog(message) {
  // ruleid: no-code-injection
  setTimeout('console.log("' + message + '")', 0);
}

runCallback();
scheduleRefresh();
