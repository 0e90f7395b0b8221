// Other engines and settings: Eta, doT, Swig, Mustache and Handlebars configuration, library wrappers.
import http from 'node:http';
import { Eta } from 'eta';
import doT from 'dot';
import swig from 'swig';
import Mustache from 'mustache';
import Handlebars from 'handlebars';

// ruleid: no-unescaped-template-output
const eta = new Eta({ views: './views', autoEscape: false });
// ok: no-unescaped-template-output
const strictEta = new Eta({ views: './views', autoEscape: true });

// ruleid: no-unescaped-template-output
swig.setDefaults({ cache: false, autoescape: false });

// ruleid: no-unescaped-template-output
Mustache.escape = function (text) { return text; };

// ruleid: no-unescaped-template-output
Handlebars.Utils.escapeExpression = (value) => String(value);

// ok: no-unescaped-template-output
Handlebars.Utils.escapeExpression = (value) => value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

const greet = doT.template('<p>Hello {{=it.name}}</p><p>{{!it.city}}</p>');

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const name = url.searchParams.get('name');
  // ruleid: no-unescaped-template-output
  const html = greet({ name, city: url.searchParams.get('city') });
  // ok: no-unescaped-template-output
  const card = greet({ name: 'Ann', city: url.searchParams.get('city') });
  // ruleid: no-unescaped-template-output
  const page = eta.renderString('<h1><%~ it.title %></h1>', { title: url.searchParams.get('title') });
  // ok: no-unescaped-template-output
  const safePage = strictEta.renderString('<h1><%= it.title %></h1>', { title: url.searchParams.get('title') });
  res.writeHead(200, { 'Content-Type': 'text/html' });
  res.end(html + card + page + safePage);
}).listen(8080);

// A library wrapper renders whatever template its caller passes: only an audit finding.
export function renderTemplate(source, data) {
  // ok: no-unescaped-template-output
  return Handlebars.compile(source)(data);
}

// A code generator emits source files, not HTML.
export function generateModule(name) {
  // ok: no-unescaped-template-output
  const template = Handlebars.compile('export const {{name}} = {};\n', { noEscape: true });
  return template({ name });
}
