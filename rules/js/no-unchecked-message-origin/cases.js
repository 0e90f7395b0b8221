// A dashboard page that embeds widgets and is embedded by partner sites.
const TRUSTED_ORIGINS = ['https://widgets.example.com', 'https://partner.example.org'];
const ALLOWED = new Set(TRUSTED_ORIGINS);
const frame = document.getElementById('chart-frame');

// ruleid: no-unchecked-message-origin
window.addEventListener('message', (event) => {
  document.getElementById('status').textContent = event.data.status;
});

// ruleid: no-unchecked-message-origin
window.onmessage = function (e) {
  if (e.data.type === 'navigate') {
    window.location.href = e.data.url;
  }
};

// ruleid: no-unchecked-message-origin
addEventListener('message', ({ data }) => {
  localStorage.setItem('theme', data.theme);
});

window.addEventListener('message', (event) => {
  // A substring test: https://widgets.example.com.attacker.net contains it too.
  // ruleid: no-unchecked-message-origin
  if (event.origin.indexOf('widgets.example.com') > -1) {
    renderWidget(event.data);
  }
});

window.addEventListener('message', (event) => {
  // ruleid: no-unchecked-message-origin
  if (!/https:\/\/partner\.example\.org/.test(event.origin)) return;
  applySettings(event.data);
});

window.addEventListener('message', (event) => {
  // ok: no-unchecked-message-origin
  if (event.origin !== 'https://widgets.example.com') return;
  renderWidget(event.data);
});

// ok: no-unchecked-message-origin
window.addEventListener('message', function onMessage(event) {
  if (!TRUSTED_ORIGINS.includes(event.origin)) {
    console.warn('ignored message from', event.origin);
    return;
  }
  applySettings(event.data);
});

// ok: no-unchecked-message-origin
window.addEventListener('message', ({ origin, data }) => {
  if (ALLOWED.has(origin)) applySettings(data);
});

// ok: no-unchecked-message-origin
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow) return;
  resizeFrame(event.data.height);
});

window.addEventListener('message', (event) => {
  switch (event.origin) {
    case 'https://widgets.example.com':
      // ok: no-unchecked-message-origin
      renderWidget(event.data);
      break;
    default:
      break;
  }
});

window.addEventListener('message', (event) => {
  // ok: no-unchecked-message-origin
  if (/^https:\/\/([a-z]+\.)?example\.com$/.test(event.origin)) applySettings(event.data);
});

// ruleid: no-unchecked-message-origin
window.addEventListener('message', (event) => {
  const { data } = event;
  applySettings(data.settings);
});

// ok: no-unchecked-message-origin
window.addEventListener('message', (event) => {
  const { origin, data } = event;
  if (!TRUSTED_ORIGINS.includes(origin)) return;
  applySettings(data.settings);
});

// The handler body lives in a named function; it checks the origin itself.
// ok: no-unchecked-message-origin
window.addEventListener('message', handleMessage);

function handleMessage(event) {
  if (event.origin !== window.location.origin) return;
  applySettings(event.data);
}

// ruleid: no-unchecked-message-origin
window.addEventListener('message', relay);

function relay(event) {
  forward(event);
}

function forward(message) {
  document.querySelector('#log').append(message.data.text);
}

// A handler that never reads the message is only a ping.
// ok: no-unchecked-message-origin
window.addEventListener('message', () => {
  console.log('pong');
});

// Not window messages: a worker, a channel port and a socket.
const worker = new Worker('/parser.js');
// ok: no-unchecked-message-origin
worker.addEventListener('message', (event) => renderWidget(event.data));
const channel = new MessageChannel();
// ok: no-unchecked-message-origin
channel.port1.onmessage = (event) => applySettings(event.data);
const socket = new WebSocket('wss://live.example.com');
// ok: no-unchecked-message-origin
socket.addEventListener('message', (event) => renderWidget(JSON.parse(event.data)));

// Known gap: a class method registered as the handler is not followed.
class Embed {
  listen() {
    // todoruleid: no-unchecked-message-origin
    window.addEventListener('message', this.onMessage);
  }

  onMessage(event) {
    renderWidget(event.data);
  }
}
new Embed().listen();

function renderWidget(data) {
  document.querySelector('#widget').textContent = data.title;
}
function applySettings(settings) {
  Object.assign(window.appSettings, settings);
}
function resizeFrame(height) {
  frame.style.height = `${Number(height)}px`;
}
