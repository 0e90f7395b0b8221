// Fastify sends strings as text/plain unless the handler asks for HTML.
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import escapeHtml from 'escape-html';

const fastify = Fastify({ logger: true });

fastify.get('/hello', async (request: FastifyRequest<{ Querystring: { name: string } }>, reply: FastifyReply) => {
  // ok: no-reflected-xss
  return reply.send('Hello ' + request.query.name);
});

fastify.get('/page', async (request: FastifyRequest<{ Querystring: { name: string } }>, reply: FastifyReply) => {
  // ruleid: no-reflected-xss
  return reply.type('text/html').send(`<h1>Hello ${request.query.name}</h1>`);
});

fastify.get('/page2', async (request: FastifyRequest<{ Querystring: { name: string } }>, reply: FastifyReply) => {
  reply.header('Content-Type', 'text/html; charset=utf-8');
  // ruleid: no-reflected-xss
  reply.send(`<h1>Hello ${request.query.name}</h1>`);
});

fastify.get('/page3', async (request: FastifyRequest<{ Querystring: { name: string } }>, reply: FastifyReply) => {
  // ok: no-reflected-xss
  return reply.type('text/html').send(`<h1>Hello ${escapeHtml(request.query.name)}</h1>`);
});

fastify.listen({ port: 3000 });
