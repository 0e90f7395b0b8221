import React, { useEffect, useState } from 'react';
import { useRouter } from 'next/router';
import { useSearchParams } from 'react-router-dom';
import DOMPurify from 'dompurify';
import { marked } from 'marked';

// A search page that echoes the query with highlighting markup.
function SearchHeader() {
  const router = useRouter();
  const q = String(router.query.q ?? '');
  return (
    <h1>
      {/* ruleid: no-react-dangerous-html */}
      <span dangerouslySetInnerHTML={{ __html: `Results for <b>${q}</b>` }} />
      {/* ok: no-react-dangerous-html */}
      <span>Results for <b>{q}</b></span>
    </h1>
  );
}

function Banner() {
  const [params] = useSearchParams();
  const message = params.get('message');
  const safeMessage = DOMPurify.sanitize(message ?? '');
  return (
    <div>
      {/* ruleid: no-react-dangerous-html */}
      <div className="banner" dangerouslySetInnerHTML={{ __html: message }} />
      {/* ok: no-react-dangerous-html */}
      <div className="banner" dangerouslySetInnerHTML={{ __html: safeMessage }} />
      {/* ok: no-react-dangerous-html */}
      <div className="banner" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(message ?? '', { USE_PROFILES: { html: true } }) }} />
    </div>
  );
}

// Messages from other windows are attacker-controlled.
function Widget() {
  const [html, setHtml] = useState('');
  const [preview, setPreview] = useState<React.ReactNode>(null);
  useEffect(() => {
    window.addEventListener('message', (event) => {
      // ruleid: no-react-dangerous-html
      setPreview(React.createElement('div', { dangerouslySetInnerHTML: { __html: event.data.body } }));
      setHtml(DOMPurify.sanitize(event.data.body));
    });
  }, []);
  return (
    <>
      {preview}
      {/* ok: no-react-dangerous-html */}
      <section dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}

// A reusable component of a UI library: its props come from whoever renders it.
export function RichText({ content }: { content: string }) {
  // ruleid: no-react-dangerous-html
  return <div className="rich-text" dangerouslySetInnerHTML={{ __html: content }} />;
}

export function SafeRichText({ content }: { content: string }) {
  const clean = { __html: DOMPurify.sanitize(content) };
  // ok: no-react-dangerous-html
  return <div className="rich-text" dangerouslySetInnerHTML={clean} />;
}

// Constant markup and locally built constant HTML are fine.
const ICON = '<svg viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';

function createMarkup() {
  return { __html: '<em>First</em> &middot; Second' };
}

function Icons() {
  return (
    <>
      {/* ok: no-react-dangerous-html */}
      <i dangerouslySetInnerHTML={{ __html: ICON }} />
      {/* ok: no-react-dangerous-html */}
      <p dangerouslySetInnerHTML={createMarkup()} />
    </>
  );
}

// Markdown from an API: not traceable here, so only an audit finding (hidden by default).
function Article({ post }: { post: { body: string } }) {
  // ok: no-react-dangerous-html
  return <article dangerouslySetInnerHTML={{ __html: marked.parse(post.body) as string }} />;
}

export default function Page() {
  return (
    <main>
      <SearchHeader />
      <Banner />
      <Widget />
      <Icons />
      <Article post={{ body: '' }} />
    </main>
  );
}
