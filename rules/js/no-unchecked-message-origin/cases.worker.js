// A dedicated worker: messages come from the page that created it, which has no origin to check.
importScripts('/vendor/marked.min.js');

// ok: no-unchecked-message-origin
addEventListener('message', (event) => {
  postMessage(marked.parse(event.data.markdown));
});

// ok: no-unchecked-message-origin
self.onmessage = (event) => {
  postMessage({ length: event.data.length });
};
