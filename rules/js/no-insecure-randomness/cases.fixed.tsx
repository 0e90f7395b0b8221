import React, { useState } from 'react';

// Browser code: Node's crypto is not available, so only Web Crypto remedies apply.
export function generateUUID(): string {
  return crypto.randomUUID();
}

export function startLogin(clientId: string): void {
  // ruleid: no-insecure-randomness
  const oauthState = Math.random().toString(36).substring(2, 15);
  sessionStorage.setItem('oauth_state', oauthState);
  window.location.assign(`https://login.acme-corp.com/authorize?client_id=${clientId}&state=${oauthState}`);
}

export function Items({ items }: { items: string[] }) {
  const [seed] = useState(() => Math.random());
  return (
    <ul data-seed={seed}>
      {items.map((item) => (
        // ok: no-insecure-randomness
        <li key={Math.random()}>{item}</li>
      ))}
    </ul>
  );
}

export const fixtures = {
  // ok: no-insecure-randomness
  fakeToken: Math.random().toString(36).slice(2),
  user: { name: 'Ada' },
};

export function confetti(count: number) {
  return Array.from({ length: count }, () => ({
    // ok: no-insecure-randomness
    x: Math.random() * window.innerWidth,
    // ok: no-insecure-randomness
    delay: Math.random() * 2,
  }));
}
