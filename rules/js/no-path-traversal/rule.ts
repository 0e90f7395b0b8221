// Path traversal: request data in a file path given to fs (callback, sync, promises, streams,
// fs-extra), Express `res.sendFile`/`res.download`/`res.render` (the view name, or a whole request
// object as the view data, whose `layout` and engine options pick files), the `send` module, the
// root of `express.static`, or a path built with path.join/resolve and handed to code Guardline
// cannot see. Only request sources count: an exported library function that takes a path is doing
// what it says.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, findProperty, isFunction, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext } from '../../api/types';
import { SERVER_INPUT_SOURCES, type Dataflow } from '../../api/dataflow';
import { flowSteps } from '../../api/flow';

type MessageId = 'pathTraversal' | 'zipSlip' | 'pathHandoff' | 'renderOptions';

/** fs functions whose first argument is a path they read, write, list or delete. */
const FS_PATH_FUNCTIONS = new Set([
  'readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createReadStream', 'createWriteStream',
  'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'mkdir', 'mkdirSync', 'readdir', 'readdirSync', 'opendir', 'opendirSync',
  'open', 'openSync', 'truncate', 'truncateSync', 'chmod', 'chmodSync', 'chown', 'chownSync', 'utimes', 'utimesSync', 'readlink', 'readlinkSync',
  // fs-extra
  'readJson', 'readJsonSync', 'readJSON', 'writeJson', 'writeJsonSync', 'writeJSON', 'outputFile', 'outputFileSync', 'outputJson', 'outputJsonSync',
  'remove', 'removeSync', 'emptyDir', 'emptyDirSync', 'ensureDir', 'ensureDirSync', 'ensureFile', 'ensureFileSync', 'mkdirp', 'mkdirs',
]);
/** fs functions with two paths (source and destination): both count. */
const FS_TWO_PATH_FUNCTIONS = new Set(['copyFile', 'copyFileSync', 'rename', 'renameSync', 'link', 'linkSync', 'symlink', 'symlinkSync', 'cp', 'cpSync', 'copy', 'copySync', 'move', 'moveSync']);
const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs', 'original-fs', 'mz/fs', 'node:fs']);
/** Request properties that are whole parsed objects: as view data they can carry engine options. */
const REQUEST_OBJECTS = new Set(['body', 'query', 'params']);

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-path-traversal',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Request data in a file path',
      cwe: ['CWE-22', 'CWE-73'],
      owasp: ['A01:2021-Broken Access Control'],
    },
    fixable: null,
    messages: {
      pathTraversal: '{{source}} reaches the file path of {{sink}}; with `../` or an absolute path an attacker can reach files outside the intended folder.',
      pathHandoff: '{{source}} is joined into a file path by {{join}} that {{sink}} receives; with `../` or an absolute path an attacker can reach files outside the intended folder.',
      renderOptions: "{{source}} is passed whole to res.render() as the view data, and view engines read their options from it: `layout` (hbs, express-handlebars) makes the engine read and render any file, and EJS or Pug options (`settings['view options']`, `outputFunctionName`) run code on the server. Pass only the fields the view needs.",
      zipSlip: 'The archive entry name {{source}} reaches the file path of {{sink}}; an archive can hold names like `../../app.js` that write outside the target folder (zip slip).',
    },
    sources: [{ name: 'semgrep: javascript.express.security.audit.express-path-join-resolve-traversal', relation: 'inspired' }],
    tags: ['path-traversal', 'file'],
  },
  // Prefilter: fs and path modules, res.sendFile/download/render, send and static file middleware.
  prefilter: ['download', 'render', 'send', 'static', 'fs', 'path'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    const handoffs: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (!node.arguments.length || !name) return;
        // a call that may receive a joined path: an argument that is a variable, an object or a path.join()
        if (node.arguments.some((a) => a.type === AST_NODE_TYPES.Identifier || a.type === AST_NODE_TYPES.ObjectExpression || (a.type === AST_NODE_TYPES.CallExpression && /^(?:join|resolve)$/.test(calleeName(a) ?? '')))) handoffs.push(node);
        if (FS_PATH_FUNCTIONS.has(name) || FS_TWO_PATH_FUNCTIONS.has(name) || name === 'sendFile' || name === 'sendfile' || name === 'download' || name === 'send' || name === 'static' || name === 'serveStatic' || name === 'render') {
          calls.push(node);
        } else if (node.callee.type === AST_NODE_TYPES.Identifier) calls.push(node); // aliases: promisified or destructured fs functions
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
        const reported = new Set<TSESTree.Node>();
        for (const call of handoffs) checkHandoff(context, call, reported);
      },
    };
  },
});

/** Modules whose path.join/resolve builds file-system paths. */
const PATH_MODULES = new Set(['path', 'path/posix', 'path/win32', 'upath']);
/** Globals that take a path only to print, compare or encode it. */
const NOT_FILE_GLOBALS = /^(?:console|JSON|Object|Array|String|Number|Boolean|Promise|Math|Reflect|Buffer|URL|encodeURI|encodeURIComponent|setTimeout|setImmediate|require|Error|TypeError|RegExp|Date|Map|Set|structuredClone|parseInt|parseFloat|isNaN)$/;

/**
 * `extractFile(path.join(base, req.query.path))`, `const p = path.resolve(dir, req.body.name);
 * storage.remove(p)`, `createFile({ filePath: path.join(...) })`: a path built from request data and
 * handed to a function defined elsewhere (another file, a package, a parameter), which can only be
 * meant for the file system. Local functions are followed by the data flow instead, and known
 * modules have their own sinks (fs above; SSRF and others elsewhere).
 */
function checkHandoff(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression, reported: Set<TSESTree.Node>): void {
  const { dataflow } = context;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return;
  // a local function: the data flow follows the path into it
  const name = propertyName(callee);
  const local = callee.type === AST_NODE_TYPES.Identifier ? dataflow.definition(callee) : name !== undefined ? dataflow.property(callee.object, name) : undefined;
  if (local && isFunction(unwrap(local))) return;
  const receiver = calleeObject(call);
  if (receiver && (dataflow.isResponse(receiver) || dataflow.isRequest(receiver))) return;
  const ref = dataflow.moduleRef(call.callee);
  if (ref && !ref.module.startsWith('.') && !(ref.module === '#global' && ref.path.length === 1 && !NOT_FILE_GLOBALS.test(ref.path[0]!))) return;
  if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.Identifier && /^(?:console|path)$/.test((unwrap(callee.object) as TSESTree.Identifier).name)) return;
  const sink = `${context.file.getText(callee).slice(0, 40)}()`;
  for (const arg of call.arguments) {
    if (arg.type === AST_NODE_TYPES.SpreadElement) continue;
    const object = dataflow.objectLiteral(arg);
    const values = object ? object.properties.flatMap((p) => (p.type === AST_NODE_TYPES.Property ? [p.value] : [])) : [arg];
    for (const value of values) {
      const join = pathJoin(dataflow, value);
      if (!join || reported.has(join)) continue;
      const verdict = dataflow.verdict(value, 'path');
      if (verdict.kind !== 'tainted' || !SERVER_INPUT_SOURCES.has(verdict.taint.source.kind)) continue;
      reported.add(join);
      const joinLabel = `${context.file.getText(join.callee)}()`;
      context.report({
        node: join,
        messageId: 'pathHandoff',
        data: { source: verdict.taint.source.label, join: joinLabel, sink },
        flow: flowSteps(verdict.taint, value, `${sink} receives the path`),
      });
    }
  }
}

/** The path.join/path.resolve call a value is, or that a variable holding it was set to. */
function pathJoin(dataflow: Dataflow, input: TSESTree.Node): TSESTree.CallExpression | undefined {
  let node = unwrap(input);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const definition = dataflow.definition(node);
    if (!definition) return undefined;
    node = unwrap(definition);
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || !/^(?:join|resolve)$/.test(calleeName(node) ?? '')) return undefined;
  const ref = dataflow.moduleRef(node.callee);
  return ref && PATH_MODULES.has(ref.module) && ref.path.length === 1 ? node : undefined;
}

interface PathSink {
  label: string;
  paths: TSESTree.Node[];
  /** `send`-based sinks (sendFile, download, send()) refuse `..` in the path they are given. */
  rejectsDotDot: boolean;
}

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  checkRenderData(context, call);
  const sink = sinkOf(context, call);
  if (!sink) return;
  for (const path of sink.paths) {
    const verdict = context.dataflow.verdict(path, 'path');
    if (verdict.kind === 'unknown' && !sink.rejectsDotDot) {
      // Zip slip: a file name read from an archive, unchecked (a checked one would be safe).
      const entry = archiveEntryName(context.dataflow, path, 0);
      if (entry) {
        const label = context.file.getText(entry);
        context.report({
          node: path,
          messageId: 'zipSlip',
          data: { source: label, sink: sink.label },
          flow: [{ start: entry.range[0], end: entry.range[1], label: `${label} (name stored in the archive)` }, { start: path.range[0], end: path.range[1], label: `${sink.label} opens this path` }],
        });
      }
      continue;
    }
    if (verdict.kind !== 'tainted' || !SERVER_INPUT_SOURCES.has(verdict.taint.source.kind)) continue;
    if (sink.rejectsDotDot && !keepsDotDot(context.dataflow, path, 0)) continue;
    context.report({
      node: path,
      messageId: 'pathTraversal',
      data: { source: verdict.taint.source.label, sink: sink.label },
      flow: flowSteps(verdict.taint, path, `${sink.label} opens this path`),
    });
  }
}

/**
 * `res.render('page', req.body)`, `res.render('page', { ...req.query })`: Express hands the view data
 * to the engine as its options too, so a request that adds `layout` (hbs, express-handlebars: any
 * file read and rendered) or EJS/Pug settings (code execution) takes over the engine (CVE-2021-32822,
 * CVE-2022-29078). Reported here because what every such engine does with it is open a file the
 * request chose, as with a request-chosen view name.
 */
function checkRenderData(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const { dataflow } = context;
  const receiver = calleeObject(call);
  const data = call.arguments[1];
  if (calleeName(call) !== 'render' || !receiver || !data || data.type === AST_NODE_TYPES.SpreadElement || !dataflow.isResponse(receiver)) return;
  const whole = wholeRequestObject(context, data, 0);
  if (!whole) return;
  const label = context.file.getText(whole);
  context.report({
    node: data,
    messageId: 'renderOptions',
    data: { source: label },
    severity: 'critical',
    flow: [{ start: whole.range[0], end: whole.range[1], label: `${label} (HTTP request)` }, { start: data.range[0], end: data.range[1], label: 'res.render() passes it to the view engine as its options' }],
  });
}

/**
 * The whole request object (`req.body`, `req.query`, `req.params`) that view data is, directly,
 * through a local, spread into a literal (`{ ...req.body, user }`) or copied (`Object.assign({}, req.query)`).
 */
function wholeRequestObject(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): TSESTree.Node | undefined {
  if (depth > 3) return undefined;
  const { dataflow } = context;
  const node = unwrap(input);
  if (node.type === AST_NODE_TYPES.MemberExpression) return REQUEST_OBJECTS.has(propertyName(node) ?? '') && dataflow.isRequest(node.object) ? node : undefined;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const definition = dataflow.definition(node);
    return definition ? wholeRequestObject(context, definition, depth + 1) : undefined;
  }
  const parts = node.type === AST_NODE_TYPES.ObjectExpression
    ? node.properties.flatMap((p) => (p.type === AST_NODE_TYPES.SpreadElement ? [p.argument] : []))
    : node.type === AST_NODE_TYPES.CallExpression && context.file.getText(node.callee) === 'Object.assign' ? node.arguments.slice(1) : [];
  for (const part of parts) {
    const found = wholeRequestObject(context, part, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Properties that hold an entry's name in unzipper, yauzl, adm-zip, tar and tar-stream. */
const ENTRY_NAME_PROPS = new Set(['path', 'fileName', 'entryName', 'name']);

/**
 * The archive entry name inside a path expression, if any: `entry.path` of an
 * `.on('entry', entry => ...)` handler (unzipper, yauzl, tar, tar-stream's `header.name`),
 * or `entry.entryName` of adm-zip's `getEntries()`.
 */
function archiveEntryName(dataflow: Dataflow, input: TSESTree.Node, depth: number): TSESTree.Node | undefined {
  const node = unwrap(input);
  if (depth > 6) return undefined;
  switch (node.type) {
    case AST_NODE_TYPES.MemberExpression: {
      const name = propertyName(node);
      const object = unwrap(node.object);
      if (name && ENTRY_NAME_PROPS.has(name) && object.type === AST_NODE_TYPES.Identifier && isEntryParameter(dataflow, object)) return node;
      return undefined;
    }
    case AST_NODE_TYPES.Identifier: {
      for (const definition of dataflow.definitions(node)) {
        const found = archiveEntryName(dataflow, definition, depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    case AST_NODE_TYPES.BinaryExpression:
      return node.operator === '+' ? archiveEntryName(dataflow, node.left, depth + 1) ?? archiveEntryName(dataflow, node.right, depth + 1) : undefined;
    case AST_NODE_TYPES.TemplateLiteral:
      for (const expression of node.expressions) {
        const found = archiveEntryName(dataflow, expression, depth + 1);
        if (found) return found;
      }
      return undefined;
    case AST_NODE_TYPES.CallExpression: {
      // path.join(dest, entry.path), path.resolve(...), path.normalize(...); not path.basename
      const name = calleeName(node);
      if (!name || !/^(?:join|resolve|normalize|concat|toString|replace)$/.test(name)) return undefined;
      for (const arg of node.arguments) {
        const found = archiveEntryName(dataflow, arg, depth + 1);
        if (found) return found;
      }
      const receiver = calleeObject(node);
      return name === 'concat' || name === 'toString' || name === 'replace' ? receiver && archiveEntryName(dataflow, receiver, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether `id` is the entry (or tar-stream header) parameter of an archive callback. */
function isEntryParameter(dataflow: Dataflow, id: TSESTree.Identifier): boolean {
  const fn = parameterOwner(id);
  if (!fn) return false;
  const index = fn.params.findIndex((p) => p.type === AST_NODE_TYPES.Identifier && p.name === id.name);
  const call = fn.parent;
  if (index < 0 || call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const method = calleeName(call);
  const receiver = calleeObject(call);
  if (method === 'on' || method === 'once') {
    const event = call.arguments[0] && dataflow.constant(call.arguments[0])?.value;
    return event === 'entry' && index === 0;
  }
  // adm-zip: zip.getEntries().forEach((entry) => ...)
  if (method === 'forEach' && index === 0 && receiver) {
    const list = unwrap(receiver);
    return list.type === AST_NODE_TYPES.CallExpression && calleeName(list) === 'getEntries';
  }
  return false;
}

/** The function an identifier is a parameter of, found by walking up to the nearest function that declares it. */
function parameterOwner(id: TSESTree.Identifier): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | undefined {
  for (let current: TSESTree.Node | undefined = id.parent; current; current = current.parent) {
    if (isFunction(current) && current.params.some((p) => p.type === AST_NODE_TYPES.Identifier && p.name === id.name)) return current;
  }
  return undefined;
}

function sinkOf(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): PathSink | undefined {
  const { dataflow } = context;
  const args = call.arguments.filter((a): a is TSESTree.Expression => a.type !== AST_NODE_TYPES.SpreadElement);
  const name = calleeName(call) ?? '';
  const receiver = calleeObject(call);
  // res.sendFile(path, { root }), res.download(path, name, { root }): with `root`, send() keeps the
  // file inside it (it refuses `..` and joins the path below the root).
  if ((name === 'sendFile' || name === 'sendfile' || name === 'download') && receiver && dataflow.isResponse(receiver)) {
    const options = args.slice(1).map((a) => dataflow.objectLiteral(a)).find((o) => o && findProperty(o, 'root'));
    if (options) return undefined;
    return { label: `res.${name}()`, paths: args.slice(0, 1), rejectsDotDot: true };
  }
  // res.render(view): Express resolves the view name against the views folder with
  // path.resolve, so `../` in a request-chosen name renders any readable file as a template.
  if (name === 'render' && receiver && args[0] && dataflow.isResponse(receiver)) return { label: 'res.render()', paths: args.slice(0, 1), rejectsDotDot: false };
  const ref = dataflow.moduleRef(call.callee);
  if (!ref) return undefined;
  const last = ref.path[ref.path.length - 1] ?? '';
  // send(req, path, { root }) from the `send` module
  if (ref.module === 'send' && ref.path.length === 0 && args[1]) {
    const options = args[2] && dataflow.objectLiteral(args[2]);
    if (options && findProperty(options, 'root')) return undefined;
    return { label: 'send()', paths: [args[1]], rejectsDotDot: true };
  }
  // express.static(root), serveStatic(root): a root chosen by the request serves any folder
  if ((ref.module === 'express' && last === 'static' && ref.path.length === 1) || (ref.module === 'serve-static' && ref.path.length === 0)) {
    return args[0] ? { label: ref.module === 'express' ? 'express.static()' : 'serveStatic()', paths: [args[0]], rejectsDotDot: false } : undefined;
  }
  if (!FS_MODULES.has(ref.module)) return undefined;
  const inPromises = ref.path.length === 2 && ref.path[0] === 'promises';
  if (ref.path.length !== 1 && !inPromises) return undefined;
  const label = `${ref.module === 'fs/promises' ? 'fs.promises' : ref.module}.${inPromises ? 'promises.' : ''}${last}()`;
  if (FS_PATH_FUNCTIONS.has(last)) return { label, paths: args.slice(0, 1), rejectsDotDot: false };
  if (FS_TWO_PATH_FUNCTIONS.has(last)) return { label, paths: args.slice(0, 2), rejectsDotDot: false };
  return undefined;
}

/**
 * Whether `..` survives into the path: send() refuses a path containing `..` segments, so only a
 * path the attacker controls from its start (an absolute path) or one normalised first
 * (`path.join`, `path.resolve`, `path.normalize`, which fold `..` away) escapes the folder.
 */
function keepsDotDot(dataflow: Dataflow, input: TSESTree.Node, depth: number): boolean {
  const node = unwrap(input);
  if (depth > 6) return true;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const definition = dataflow.definition(node);
    return definition ? keepsDotDot(dataflow, definition, depth + 1) : true;
  }
  // `__dirname + '/files/' + name`, `${UPLOADS}/${name}`: the start is ours, `..` reaches send() as is
  const first = node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+' ? leftmost(node) : node.type === AST_NODE_TYPES.TemplateLiteral ? templateStart(node) : undefined;
  if (!first) return true;
  if (first.type === AST_NODE_TYPES.TemplateElement) return first.value.cooked === '';
  return dataflow.verdict(first, 'path').kind === 'tainted';
}

function leftmost(node: TSESTree.BinaryExpression): TSESTree.Node {
  let current: TSESTree.Node = node;
  while (current.type === AST_NODE_TYPES.BinaryExpression && current.operator === '+') current = unwrap(current.left);
  return current;
}

/** The template's opening text, or its first expression when the text is empty. */
function templateStart(node: TSESTree.TemplateLiteral): TSESTree.Node {
  const head = node.quasis[0]!;
  return head.value.cooked === '' && node.expressions[0] ? node.expressions[0] : head;
}
