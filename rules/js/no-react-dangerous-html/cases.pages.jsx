// More React shapes: URL hooks, the page location, props objects, JSON-LD, class components.
import React from 'react';
import { useLocation } from 'react-router-dom';
import sanitizeHtml from 'sanitize-html';
import { marked } from 'marked';

function Anchor() {
  const { hash } = useLocation();
  // ruleid: no-react-dangerous-html
  return <h2 dangerouslySetInnerHTML={{ __html: decodeURIComponent(hash.slice(1)) }} />;
}

function Greeting() {
  const name = new URLSearchParams(window.location.search).get('name');
  // ruleid: no-react-dangerous-html
  const props = { className: 'greeting', dangerouslySetInnerHTML: { __html: `Hi <b>${name}</b>` } };
  // ruleid: no-react-dangerous-html
  const markup = { __html: '<p>' + name + '</p>' };
  return (
    <>
      <div {...props} />
      <div dangerouslySetInnerHTML={markup} />
      {/* ok: no-react-dangerous-html */}
      <div dangerouslySetInnerHTML={{ __html: sanitizeHtml(name) }} />
    </>
  );
}

// Markdown from the URL: marked keeps raw HTML in the input.
function Preview() {
  const source = new URLSearchParams(location.search).get('md') ?? '';
  // ruleid: no-react-dangerous-html
  return <div className="preview" dangerouslySetInnerHTML={{ __html: marked.parse(source) }} />;
}

// Structured data for search engines: constant data is fine.
const ORGANISATION = { '@context': 'https://schema.org', '@type': 'Organization', name: 'ACME' };

function JsonLd() {
  // ok: no-react-dangerous-html
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: JSON.stringify(ORGANISATION) }} />;
}

class Legacy extends React.Component {
  render() {
    const note = new URLSearchParams(document.location.search).get('note');
    // ruleid: no-react-dangerous-html
    return <aside dangerouslySetInnerHTML={{ __html: note }} />;
  }
}

export default function App() {
  return (
    <main>
      <Anchor />
      <Greeting />
      <JsonLd />
      <Preview />
      <Legacy />
    </main>
  );
}
