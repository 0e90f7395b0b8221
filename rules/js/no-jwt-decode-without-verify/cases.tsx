import { jwtDecode } from 'jwt-decode';
import { decodeJwt } from 'jose';
import type { NextApiRequest, NextApiResponse } from 'next';

// Browser code reading its own stored token to show the user name: quiet.
export function Greeting() {
  const token = localStorage.getItem('id_token') ?? '';
  // ok: no-jwt-decode-without-verify
  const { name } = jwtDecode<{ name: string }>(token);
  return <span>Hello {name}</span>;
}

// A Next.js API route that trusts the request's token without verifying it.
export default function handler(req: NextApiRequest, res: NextApiResponse) {
  // ruleid: no-jwt-decode-without-verify
  const claims = decodeJwt(req.cookies.session ?? '');
  if (claims.role !== 'admin') return res.status(403).end();
  res.json({ ok: true });
}
