import Koa from 'koa';
import Fastify from 'fastify';
import fastifySession from '@fastify/session';
import fastifyCookie from '@fastify/cookie';
import NextAuth from 'next-auth';
import { getIronSession } from 'iron-session';
import { cookies } from 'next/headers';

const koa = new Koa();
// ruleid: no-hardcoded-session-secret
koa.keys = ['im a newer secret', 'i like turtle'];

// ok: no-hardcoded-session-secret
koa.keys = [process.env.KOA_KEY as string];

const fastify = Fastify();
// ruleid: no-hardcoded-session-secret
fastify.register(fastifyCookie, { secret: 'my-secret' });
fastify.register(fastifySession, {
  // ruleid: no-hardcoded-session-secret
  secret: 'a secret with minimum length of 32 characters',
  cookie: { secure: true },
});
// ok: no-hardcoded-session-secret
fastify.register(fastifySession, { secret: process.env.SESSION_SECRET!, cookie: { secure: true } });

export const handler = NextAuth({
  providers: [],
  // ruleid: no-hardcoded-session-secret
  secret: 'next-auth-secret',
});

export async function getSession() {
  return getIronSession(cookies(), {
    // ruleid: no-hardcoded-session-secret
    password: 'complex_password_at_least_32_characters_long',
    cookieName: 'app_session',
  });
}

export async function getSessionSafely() {
  // ok: no-hardcoded-session-secret
  return getIronSession(cookies(), { password: process.env.SESSION_PASSWORD as string, cookieName: 'app_session' });
}
