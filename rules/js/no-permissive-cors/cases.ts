import Koa from 'koa';
import koaCors from '@koa/cors';
import Fastify from 'fastify';
import fastifyCors from '@fastify/cors';
import { NestFactory } from '@nestjs/core';

const koa = new Koa();
// ruleid: no-permissive-cors
koa.use(koaCors({ credentials: true }));
// ok: no-permissive-cors
koa.use(koaCors({ origin: 'https://app.acme-corp.com', credentials: true }));

koa.use(async (ctx, next) => {
  // ruleid: no-permissive-cors
  ctx.set('Access-Control-Allow-Origin', ctx.get('Origin'));
  ctx.set('Access-Control-Allow-Credentials', 'true');
  await next();
});

const fastify = Fastify();
// ruleid: no-permissive-cors
fastify.register(fastifyCors, { origin: true, credentials: true });
// ok: no-permissive-cors
fastify.register(fastifyCors, { origin: ['https://app.acme-corp.com'], credentials: true });

export async function bootstrap(AppModule: unknown): Promise<void> {
  const app = await NestFactory.create(AppModule as never);
  // ruleid: no-permissive-cors
  app.enableCors({ origin: true, credentials: true });
  // ok: no-permissive-cors
  app.enableCors({ origin: ['https://app.acme-corp.com'], credentials: true });
  await app.listen(3000);
}
