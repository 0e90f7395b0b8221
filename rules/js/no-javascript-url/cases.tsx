import React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/router';
import { useSearchParams } from 'react-router-dom';
import { API_BASE } from './config';

// Literal javascript: URLs: code in a link.
export function Toolbar({ onSave }: { onSave: () => void }) {
  return (
    <nav>
      {/* ruleid: no-javascript-url */}
      <a href="javascript:void(0)" onClick={onSave}>Save</a>
      {/* ruleid: no-javascript-url */}
      <a href={'JavaScript:window.print()'}>Print</a>
      {/* ruleid: no-javascript-url */}
      <form action="javascript:submitForm()"><button type="submit">Go</button></form>
      {/* ok: no-javascript-url */}
      <button type="button" onClick={onSave}>Save</button>
      {/* ok: no-javascript-url */}
      <a href="#top">Back to top</a>
      {/* ok: no-javascript-url */}
      <a href="https://docs.example.com/javascript:intro">Docs</a>
    </nav>
  );
}

// "Return to" links taken from the URL: ?next=javascript:alert(document.cookie)
export function LoginDone() {
  const router = useRouter();
  const next = router.query.next as string;
  return (
    <p>
      Signed in.
      {/* ruleid: no-javascript-url */}
      <a href={next}>Continue</a>
      {/* ruleid: no-javascript-url */}
      <Link href={next || '/'}>Continue</Link>
    </p>
  );
}

export function EmbedPreview() {
  const [params] = useSearchParams();
  const target = params.get('url') ?? '';
  const profile = params.get('profile') ?? '';
  const safeTarget = /^https?:\/\//i.test(target) ? target : 'about:blank';
  let checked = '';
  try {
    const parsed = new URL(profile);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') checked = parsed.href;
  } catch {
    checked = '';
  }
  return (
    <div>
      {/* ruleid: no-javascript-url */}
      <iframe src={target} title="preview" />
      {/* ok: no-javascript-url */}
      <iframe src={safeTarget} title="preview" />
      {/* ok: no-javascript-url */}
      <a href={checked}>Profile</a>
      {/* ok: no-javascript-url */}
      <img src={target} alt="" />
      {/* ok: no-javascript-url */}
      <a href={`/search?q=${encodeURIComponent(target)}`}>Search</a>
      {/* ok: no-javascript-url */}
      <a href={'mailto:' + profile}>Mail</a>
      {/* ok: no-javascript-url */}
      <a href={`https://maps.example.com/?q=${target}`}>Map</a>
      {/* ok: no-javascript-url */}
      <a href={target.startsWith('https://') ? target : '#'}>Open</a>
      {/* ok: no-javascript-url */}
      <a href={`${API_BASE}/download/${target}`}>Download</a>
    </div>
  );
}

// Component props: the caller decides, so an untraced href is not reported.
export function NavItem({ href, label }: { href: string; label: string }) {
  // ok: no-javascript-url
  return <a href={href}>{label}</a>;
}
