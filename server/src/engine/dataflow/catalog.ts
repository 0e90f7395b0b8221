// What the taint tracker knows about the outside world: which values come from an attacker,
// which calls carry data through, and which calls make data safe for which kind of sink.
// Everything here is a table, so a missing framework or sanitiser is a one-line change.
import type { SinkKind } from '../../../../rules/api/dataflow';

/** Request properties an attacker controls (Express, Koa, Fastify, Hapi, Next.js, Node http). */
export const REQUEST_TAINTED_PROPS = new Set([
  'query', 'body', 'params', 'headers', 'header', 'cookies', 'url', 'originalUrl', 'path', 'hostname',
  'host', 'files', 'file', 'payload', 'state', 'rawBody', 'querystring', 'search', 'href', 'nextUrl',
  'resolvedUrl', 'raw', 'rawHeaders', 'fields',
  // AWS Lambda proxy events
  'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'rawPath', 'rawQueryString',
]);

/** Request properties that are themselves request objects (Koa's ctx.request, Next's context.req). */
export const REQUEST_NESTED = new Set(['request', 'req']);

/**
 * Request methods that return attacker-controlled data: Express `req.get()`/`req.param()`, fetch
 * `Request` bodies, and the accessor style of AdonisJS, Sails and Restify (`request.input('name')`,
 * `request.all()`, `req.allParams()`, `req.getQuery()`), which some code also writes as `req.query('x')`.
 */
export const REQUEST_TAINTED_METHODS = new Set([
  'get', 'header', 'param', 'json', 'text', 'formData', 'arrayBuffer', 'blob', 'cookie',
  'query', 'params', 'body', 'input', 'all', 'only', 'except', 'post', 'qs', 'cookies', 'headers', 'allParams', 'getQuery', 'getPath',
]);

/**
 * Request data that is always text (route parameters, headers, the URL, Lambda's string maps): it
 * can never be an object such as `{ "$ne": null }`, so it is safe for a MongoDB query (`nosql`).
 */
export const REQUEST_STRING_PROPS = new Set([
  'params', 'headers', 'header', 'url', 'originalUrl', 'path', 'hostname', 'host', 'href', 'search', 'querystring',
  'nextUrl', 'rawPath', 'rawQueryString', 'rawHeaders', 'pathParameters', 'queryStringParameters', 'multiValueQueryStringParameters',
]);
export const REQUEST_STRING_METHODS = new Set(['get', 'header', 'text', 'getQuery', 'getPath']);

/**
 * Methods whose result is a string or an array of strings (or that throw on an object): their
 * result cannot carry a MongoDB operator (`nosql`), whatever the receiver was.
 */
export const STRING_RESULT_METHODS = new Set([
  'toString', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase', 'toLocaleUpperCase',
  'normalize', 'padStart', 'padEnd', 'charAt', 'substring', 'substr', 'replace', 'replaceAll', 'repeat', 'split', 'join',
]);

/**
 * The request's own Host (`req.hostname`, `Host` header): a victim's browser always sends the site
 * it visits, so it cannot point a redirect elsewhere (`redirect`). It does reach SSRF sinks.
 */
export const REQUEST_HOST_PROPS = new Set(['host', 'hostname']);
export const HOST_HEADERS = new Set(['host', 'x-forwarded-host']);

/**
 * SQL formatting calls that escape the values they insert: mysql/mysql2/sqlstring `format(sql,
 * values)` with `?`/`??` placeholders, pg-promise's `as.format(sql, values)` with `$1`/`${name}`,
 * and pg-format's `%L` (literal) and `%I` (identifier); its `%s` inserts text as is. Keyed by
 * module, matched through `moduleRef`.
 */
export const SQL_QUESTION_MARK_FORMATTERS = new Set(['mysql', 'mysql2', 'mysql2/promise', 'sqlstring', 'pg-promise']);
export const SQL_PG_FORMAT_MODULES = new Set(['pg-format']);

/**
 * Upload metadata (`req.file`, `req.files` from multer, express-fileupload, formidable): the
 * multipart parsers keep only the last segment of a client file name, and the stored path is the
 * server's own, so these are not path-traversal sources (`path`).
 */
export const REQUEST_UPLOAD_PROPS = new Set(['file', 'files']);

/** Properties of the page location an attacker controls through the URL. */
export const LOCATION_TAINTED_PROPS = new Set(['href', 'hash', 'search', 'pathname', 'toString']);

/** `document` properties an attacker controls. */
export const DOCUMENT_TAINTED_PROPS = new Set(['URL', 'documentURI', 'baseURI', 'referrer', 'cookie']);

/** Parameter names that, by near-universal convention, hold an HTTP request or response. */
export const REQUEST_PARAM_NAMES = new Set(['req', 'request']);
export const RESPONSE_PARAM_NAMES = new Set(['res', 'response', 'reply']);

/** Methods whose result says something about a string without carrying its content. */
export const NON_PROPAGATING_METHODS = new Set([
  'indexOf', 'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'test', 'search', 'localeCompare',
  'charCodeAt', 'codePointAt', 'has', 'some', 'every', 'findIndex', 'findLastIndex', 'hasOwnProperty',
  'isArray', 'getTime', 'toFixed', 'size', 'length', 'isValid', 'equals', 'compare', 'count',
]);

/** Array methods whose callback receives the elements (its first parameter carries the taint). */
export const ELEMENT_CALLBACK_METHODS = new Set([
  'map', 'forEach', 'filter', 'find', 'findLast', 'flatMap', 'some', 'every', 'reduce', 'reduceRight', 'then', 'sort',
]);

/** Functions and constructors whose result carries the taint of their arguments. */
export const PROPAGATING_CALLS = new Set([
  'String', 'decodeURIComponent', 'decodeURI', 'unescape', 'atob', 'btoa', 'JSON.parse', 'JSON.stringify',
  'util.format', 'format', 'sprintf', 'vsprintf', 'util.inspect', 'path.join', 'path.resolve', 'path.normalize',
  'path.posix.join', 'path.win32.join', 'path.posix.resolve', 'url.parse', 'url.resolve', 'url.format',
  'querystring.parse', 'querystring.stringify', 'qs.parse', 'qs.stringify', 'Buffer.from', 'Buffer.concat',
  'Object.assign', 'Object.values', 'Object.entries', 'Object.keys', 'Object.fromEntries', 'Array.from', 'Array.of',
  'structuredClone', 'URL', 'URLSearchParams', 'minimist', 'yargsParser', 'parseArgs', 'join', 'resolve',
  'decodeEntities', 'Promise.resolve', 'Promise.all', '_.merge', '_.assign', '_.get', '_.pick', '_.clone',
  '_.cloneDeep', '_.defaults', '_.defaultsDeep', 'lodash.merge', 'merge', 'clone', 'cloneDeep', 'toString', 'concat',
  '$.extend', 'jQuery.extend',
  // Markdown renderers that pass raw HTML in the input through to their output
  'marked', 'marked.parse', 'snarkdown',
]);

/** Calls whose result is a number, boolean or other value that cannot carry an injection. */
export const NEUTRALISING_CALLS = new Set([
  'Number', 'parseInt', 'parseFloat', 'Boolean', 'isNaN', 'isFinite', 'Number.parseInt', 'Number.parseFloat',
  'Number.isInteger', 'Number.isSafeInteger', 'Number.isFinite', 'Math.floor', 'Math.ceil', 'Math.round',
  'Math.abs', 'Math.min', 'Math.max', 'Math.trunc', 'Date.parse', 'BigInt', 'toInt', 'toNumber', 'toInteger',
  '_.toNumber', '_.toInteger', 'validator.toInt', 'validator.toFloat', 'validator.toBoolean', 'validator.toDate',
  'crypto.createHash', 'hash', 'uuid', 'randomUUID', 'uuidv4', 'v4', 'ObjectId', 'Types.ObjectId',
  'mongoose.Types.ObjectId', 'bcrypt.hash', 'argon2.hash',
]);

/** Sanitisers by the sink kinds they protect. Names match the callee's last name or dotted path. */
export const SANITIZERS: Array<{ names: RegExp; kinds: SinkKind[] }> = [
  // HTML escaping and sanitising: escape-html, he, lodash, validator, DOMPurify, sanitize-html, xss.
  {
    names: /^(?:.*\.)?(?:escape|escapeHtml|escapeHTML|htmlEscape|escapeXml|escapeXML|xmlEscape|encodeHTML|encodeHtml|htmlEncode|encodeForHTML|encodeForHtmlAttribute|encode|sanitize|sanitizeHtml|sanitizeHTML|purify|filterXSS|xss|inHTMLData|inDoubleQuotedAttr|inSingleQuotedAttr|escapeAttribute|escapeAttr|sanitizeUrl|sanitizeURL|encodeForURL|escapeExpression)$/,
    kinds: ['xss', 'template'],
  },
  { names: /^(?:.*\.)?(?:escape|escapeId|escapeIdentifier|escapeLiteral|escapeString|sqlEscape|escapeSql|escapeSQL|quoteIdentifier)$/, kinds: ['sql'] },
  { names: /^(?:.*\.)?(?:quote|shellEscape|shellescape|escapeShellArg|escapeShell|shellQuote)$|^shescape\./, kinds: ['command'] },
  { names: /^(?:path\.)?basename$|^(?:.*\.)?(?:sanitizeFilename|sanitizeFileName|sanitizePath|sanitize)$/, kinds: ['path'] },
  { names: /^(?:.*\.)?(?:escapeRegExp|escapeRegex|escapeRegexp|escapeStringRegexp|escapeRegExpString|regexEscape|escapeStringRegExp|escaperegexp)$/, kinds: ['regex'] },
  { names: /^(?:.*\.)?(?:mongoSanitize|sanitize|escapeMongo)$|^String$/, kinds: ['nosql'] },
  { names: /^(?:.*\.)?(?:encodeURIComponent|escape|encodeURI)$/, kinds: ['header', 'log', 'redirect', 'ssrf', 'command', 'xss'] },
  { names: /^(?:.*\.)?(?:xpathEscape|escapeXPath)$/, kinds: ['xpath'] },
  // A URL sink only cares about the scheme: @braintree/sanitize-url, or a value encoded whole (`:` becomes %3A).
  { names: /^(?:.*\.)?(?:sanitizeUrl|sanitizeURL|encodeURIComponent)$/, kinds: ['url'] },
  // JSON.stringify yields a JavaScript literal: data embedded in generated code stays data.
  { names: /^JSON\.stringify$/, kinds: ['code'] },
];

/** Methods that write data into the receiver, so the receiver carries the argument's taint. */
export const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'set', 'append', 'add', 'write', 'assign']);

/** Event names of socket connections whose handler parameters are attacker data. */
export const SOCKET_CONTROL_EVENTS = new Set(['connection', 'connect', 'disconnect', 'close', 'error', 'open', 'listening', 'upgrade', 'headers']);

/** Sink kinds for which the parameters of exported functions count as untrusted (library code). */
export const EXPORTED_PARAM_SINKS = new Set<SinkKind>(['command', 'code', 'sql', 'prototype', 'xss', 'deserialization', 'template', 'xml', 'redos']);

/** Router properties (Next.js `useRouter()`, Vue `useRoute()`) that hold parts of the URL. */
export const ROUTER_TAINTED_PROPS = new Set(['query', 'asPath', 'params', 'hash', 'fullPath', 'searchParams']);

/** Angular `ActivatedRoute.snapshot` properties read from the page URL. */
export const ROUTE_SNAPSHOT_PROPS = new Set(['queryParams', 'params', 'fragment', 'queryParamMap', 'paramMap', 'url']);

/** React, Next.js and Vue hooks that return URL-controlled data. */
export const URL_HOOKS = new Set(['useSearchParams', 'useParams', 'useLocation', 'useRouter', 'useRoute', 'useQuery']);
