// Path traversal: request data in a file path given to fs (callback, sync, promises, streams,
// fs-extra), Express `res.sendFile`/`res.download`, the `send` module, or the root of
// `express.static`. Only request sources count: an exported library function that takes a path
// is doing what it says.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, findProperty, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext } from '../../api/types';
import type { Dataflow } from '../../api/dataflow';
import { flowSteps } from '../../api/flow';

type MessageId = 'pathTraversal';

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
/** Sources that reach a server's file system: not a CLI argument or a library's caller. */
const SERVER_SOURCES = new Set(['http', 'socket']);

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-path-traversal',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Request data in a file path',
      cwe: ['CWE-22'],
      owasp: ['A01:2021-Broken Access Control'],
    },
    fixable: null,
    messages: {
      pathTraversal: '{{source}} reaches the file path of {{sink}}; with `../` or an absolute path an attacker can reach files outside the intended folder.',
    },
    sources: [{ name: 'semgrep: javascript.express.security.audit.express-path-join-resolve-traversal', relation: 'inspired' }],
    tags: ['path-traversal', 'file'],
  },
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (!node.arguments.length || !name) return;
        if (FS_PATH_FUNCTIONS.has(name) || FS_TWO_PATH_FUNCTIONS.has(name) || name === 'sendFile' || name === 'sendfile' || name === 'download' || name === 'send' || name === 'static' || name === 'serveStatic') {
          calls.push(node);
        } else if (node.callee.type === AST_NODE_TYPES.Identifier) calls.push(node); // aliases: promisified or destructured fs functions
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
      },
    };
  },
});

interface PathSink {
  label: string;
  paths: TSESTree.Node[];
  /** `send`-based sinks (sendFile, download, send()) refuse `..` in the path they are given. */
  rejectsDotDot: boolean;
}

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const sink = sinkOf(context, call);
  if (!sink) return;
  for (const path of sink.paths) {
    const verdict = context.dataflow.verdict(path, 'path');
    if (verdict.kind !== 'tainted' || !SERVER_SOURCES.has(verdict.taint.source.kind)) continue;
    if (sink.rejectsDotDot && !keepsDotDot(context.dataflow, path, 0)) continue;
    context.report({
      node: path,
      messageId: 'pathTraversal',
      data: { source: verdict.taint.source.label, sink: sink.label },
      flow: flowSteps(verdict.taint, path, `${sink.label} opens this path`),
    });
  }
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
