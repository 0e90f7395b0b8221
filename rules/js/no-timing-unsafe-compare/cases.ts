import crypto from 'node:crypto';
import type { NextApiRequest, NextApiResponse } from 'next';

export default function cron(req: NextApiRequest, res: NextApiResponse) {
  // ruleid: no-timing-unsafe-compare
  if (req.headers.authorization !== `Bearer ${process.env.CRON_SECRET}`) {
    return res.status(401).end();
  }
  res.status(200).json({ ran: true });
}

export function verifySlack(req: NextApiRequest, rawBody: string): boolean {
  const timestamp = String(req.headers['x-slack-request-timestamp']);
  const expected = `v0=${crypto.createHmac('sha256', process.env.SLACK_SIGNING_SECRET!).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  const received = String(req.headers['x-slack-signature']);
  // ok: no-timing-unsafe-compare
  return received.length === expected.length && crypto.timingSafeEqual(Buffer.from(received), Buffer.from(expected));
}

export function isPreview(req: NextApiRequest): boolean {
  // ok: no-timing-unsafe-compare
  return req.query.mode === 'preview';
}
