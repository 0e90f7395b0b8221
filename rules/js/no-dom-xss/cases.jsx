// Render-function and JSX forms of the same sinks.
import { h } from 'vue';
import { useSearchParams } from 'react-router-dom';

export function Preview() {
  const [params] = useSearchParams();
  const html = params.get('html') ?? '';
  return (
    <div>
      {/* ruleid: no-dom-xss */}
      <iframe title="preview" srcDoc={html} />
      {/* ruleid: no-dom-xss */}
      <iframe title="preview" sandbox="allow-scripts" srcDoc={html} />
      {/* ok: no-dom-xss */}
      <iframe title="preview" sandbox="" srcDoc={html} />
      {/* ok: no-dom-xss */}
      <iframe title="preview" srcDoc="<p>Nothing to preview</p>" />
    </div>
  );
}

export function message() {
  const text = new URLSearchParams(location.search).get('msg');
  // ruleid: no-dom-xss
  return h('div', { class: 'message', innerHTML: text });
}

export function textMessage() {
  const text = new URLSearchParams(location.search).get('msg');
  // ok: no-dom-xss
  return h('div', { class: 'message', textContent: text });
}

function showToast(container) {
  // ruleid: no-dom-xss
  Object.assign(container, { innerHTML: '<b>' + location.hash.slice(1) + '</b>' });
}

showToast(document.body);
