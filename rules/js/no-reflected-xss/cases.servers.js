// Other Node servers: Node's http module, Koa, Hapi, and Fastify.
const http = require('node:http');
const Koa = require('koa');
const Router = require('@koa/router');
const Hapi = require('@hapi/hapi');
const escapeHtml = require('escape-html');

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  // ruleid: no-reflected-xss
  res.end('<p>You asked for ' + url.searchParams.get('page') + '</p>');
}).listen(8080);

http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  // ok: no-reflected-xss
  res.end('<p>You asked for ' + req.url + '</p>');
}).listen(8081);

const koa = new Koa();
const router = new Router();

router.get('/hello', (ctx) => {
  // ruleid: no-reflected-xss
  ctx.body = `<h1>Hello ${ctx.query.name}</h1>`;
});

router.get('/raw', async (ctx, next) => {
  // Koa sends a string that starts with "<" as HTML: the attacker writes the first character here.
  // ruleid: no-reflected-xss
  ctx.body = ctx.request.query.text;
  await next();
});

router.get('/text', (ctx) => {
  // ok: no-reflected-xss
  ctx.body = 'Hello ' + ctx.query.name;
  // Koa sends a string that does not start with "<" as text/plain, markup inside or not.
  // ok: no-reflected-xss
  ctx.body = 'Hello <b>' + ctx.query.name + '</b>';
  ctx.type = 'json';
  // ok: no-reflected-xss
  ctx.body = JSON.stringify({ name: ctx.query.name });
});

router.get('/escaped', (ctx) => {
  // ok: no-reflected-xss
  ctx.body = `<h1>Hello ${escapeHtml(ctx.query.name)}</h1>`;
  // ok: no-reflected-xss
  ctx.body = { name: ctx.query.name };
});

koa.use(router.routes());

// Express-style middleware that replaces the parsed body is not a response.
function normaliseBody(req, res, next) {
  // ok: no-reflected-xss
  req.body = typeof req.body === 'string' ? JSON.parse(req.body) : req.body;
  next();
}
koa.use(normaliseBody);

async function startHapi() {
  const server = Hapi.server({ port: 3001 });
  server.route({
    method: 'GET',
    path: '/welcome',
    handler: (request, h) => {
      // ruleid: no-reflected-xss
      return h.response('<p>Welcome ' + request.query.name + '</p>').code(200);
    },
  });
  server.route({
    method: 'GET',
    path: '/bye',
    handler(request) {
      // ruleid: no-reflected-xss
      return `Goodbye ${request.query.name}`;
    },
  });
  server.route({
    method: 'GET',
    path: '/api/bye',
    handler(request) {
      // ok: no-reflected-xss
      return { message: `Goodbye ${request.query.name}` };
    },
  });
  await server.start();
}

startHapi();
