import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import Koa from 'koa';
import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';

const fastify = Fastify();
fastify.register(fastifyCookie);
fastify.register(require('@fastify/session'), {
  secret: process.env.SESSION_SECRET,
  // ruleid: no-insecure-cookie
  cookie: { secure: false },
});

fastify.post('/login', async (request, reply) => {
  const token = await issueToken(request.body as { user: string });
  // ruleid: no-insecure-cookie
  reply.setCookie('access_token', token, { path: '/' });
  // ok: no-insecure-cookie
  reply.setCookie('refresh_token', token, { path: '/auth', httpOnly: true, secure: true, sameSite: 'strict' });
  return { ok: true };
});

const koa = new Koa();
koa.use(async (ctx) => {
  // ok: no-insecure-cookie
  ctx.cookies.set('session', await issueToken({ user: 'x' }), { signed: true });
  // ruleid: no-insecure-cookie
  ctx.cookies.set('auth', ctx.state.accessToken, { httpOnly: false });
});

export async function loginAction(token: string): Promise<void> {
  // ruleid: no-insecure-cookie
  cookies().set('session', token, { maxAge: 3600 });
  // ok: no-insecure-cookie
  cookies().set('session', token, { httpOnly: true, secure: true, maxAge: 3600 });
}

export function middleware(token: string): NextResponse {
  const response = NextResponse.next();
  // ruleid: no-insecure-cookie
  response.cookies.set('auth-token', token, { sameSite: 'lax' });
  // ok: no-insecure-cookie
  response.cookies.set('locale', 'de');
  return response;
}

async function issueToken(_: { user: string }): Promise<string> {
  return 'token';
}
