// Next.js route handlers and a Fastify service in TypeScript.
import { type NextRequest, NextResponse } from 'next/server';
import { request as undiciRequest } from 'undici';
import got from 'got';
import Fastify from 'fastify';

const github = got.extend({ prefixUrl: 'https://api.github.com' });

export async function GET(request: NextRequest) {
  const target = request.nextUrl.searchParams.get('url');
  // ruleid: no-ssrf
  const upstream = await fetch(target!, { cache: 'no-store' });
  return new NextResponse(upstream.body);
}

export async function POST(request: NextRequest) {
  const { repo } = await request.json();
  // A relative path on an instance with a prefixUrl keeps its host.
  // ok: no-ssrf
  const data = await github.get(`repos/${repo}`).json();
  // ok: no-ssrf
  const same = await fetch(new URL(`/api/repos/${repo}`, request.url));
  return NextResponse.json({ data, status: same.status });
}

const app = Fastify();
app.get('/fetch', async (req: { query: { host: string } }, reply) => {
  // ruleid: no-ssrf
  const { body } = await undiciRequest(`http://${req.query.host}:9200/_cluster/health`);
  reply.send(await body.json());
});
