// Client-side pollution: state restored from the URL fragment with a deep extend.
const defaults = { layout: { columns: 3 }, filters: {} };

function restoreState() {
  const saved = JSON.parse(decodeURIComponent(location.hash.slice(1)) || '{}');
  // ruleid: no-prototype-pollution
  return $.extend(true, {}, defaults, saved);
}

function restoreStateShallow() {
  const saved = JSON.parse(decodeURIComponent(location.hash.slice(1)) || '{}');
  // ok: no-prototype-pollution
  return $.extend({}, defaults, saved);
}

window.appState = restoreState();
window.shallowState = restoreStateShallow();
