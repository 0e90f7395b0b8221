// Storefront shell: search page and promotional banner.
import React from 'react';
import { useSearchParams } from 'react-router-dom';
import DOMPurify from 'dompurify';

export function SearchPage() {
  const [params] = useSearchParams();
  const query = params.get('q') || '';
  return (
    <main>
      <h1>Results for</h1>
      <div dangerouslySetInnerHTML={{ __html: query }} />
    </main>
  );
}

export function Banner({ html }) {
  // Safe: sanitised before it is rendered.
  return <aside dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;
}

export function ProfileLink({ user }) {
  // Safe: React escapes text content.
  return <a href={`/users/${encodeURIComponent(user.id)}`}>{user.name}</a>;
}
