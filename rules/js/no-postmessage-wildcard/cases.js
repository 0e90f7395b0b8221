// An embeddable checkout widget talking to the page that hosts it.
const params = new URLSearchParams(window.location.search);
const PARENT_ORIGIN = 'https://shop.example.com';

function reportHeight() {
  // The height of the widget is harmless, but it still is data about this page.
  // ruleid: no-postmessage-wildcard
  window.parent.postMessage({ type: 'resize', height: document.body.scrollHeight }, '*');
}

function sendSession(session) {
  // ruleid: no-postmessage-wildcard
  parent.postMessage({ type: 'session', token: session.accessToken }, '*');
}

function forwardCoupon() {
  // ruleid: no-postmessage-wildcard
  window.top.postMessage(params.get('coupon'), '*');
}

function notifyOpener(order) {
  // ruleid: no-postmessage-wildcard
  window.opener.postMessage(JSON.stringify(order), { targetOrigin: '*' });
}

function announceReady() {
  // A constant ping tells the receiver nothing it could not know.
  // ok: no-postmessage-wildcard
  window.parent.postMessage({ type: 'ready', version: 2 }, '*');
  // ok: no-postmessage-wildcard
  window.parent.postMessage('ready', '*');
}

function sendSessionSafely(session) {
  // ok: no-postmessage-wildcard
  window.parent.postMessage({ type: 'session', token: session.accessToken }, PARENT_ORIGIN);
  // ok: no-postmessage-wildcard
  window.opener.postMessage(session.user, { targetOrigin: window.location.origin });
}

// A dedicated worker: the second argument is a transfer list, not an origin.
const worker = new Worker('/resize-worker.js');
function resize(bitmap) {
  // ok: no-postmessage-wildcard
  worker.postMessage({ bitmap }, [bitmap]);
}

module.exports = { reportHeight, sendSession, forwardCoupon, notifyOpener, announceReady, sendSessionSafely, resize };
