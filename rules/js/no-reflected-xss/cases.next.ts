// A Next.js API route: strings are sent without a content type, so the browser sniffs them.
import type { NextApiRequest, NextApiResponse } from 'next';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const { slug } = req.query;
  if (req.method === 'POST') {
    // ruleid: no-reflected-xss
    res.status(400).send(`<p>Unknown page ${slug}</p>`);
    return;
  }
  if (req.query.format === 'html') {
    res.setHeader('Content-Type', 'text/html');
    // ruleid: no-reflected-xss
    res.send('Preview of ' + slug);
    return;
  }
  // ok: no-reflected-xss
  res.send('Preview of ' + slug);
  // ok: no-reflected-xss
  res.status(200).json({ slug });
}

// A library helper: its caller decides what goes into the page, so this is an audit finding only.
export function sendPage(res: NextApiResponse, body: string) {
  res.setHeader('Content-Type', 'text/html');
  // ok: no-reflected-xss
  res.end(`<!doctype html><html><body>${body}</body></html>`);
}
