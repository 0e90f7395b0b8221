// OS command injection: untrusted data in a command line that a shell interprets
// (child_process.exec/execSync, spawn/execFile with `shell: true`, `sh -c`, shelljs, execa.command).
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, findProperty, isLiteralValue, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext, Fix } from '../../api/types';
import { flowSteps } from '../../api/flow';

/** child_process functions that always run their first argument through /bin/sh. */
const SHELL_FUNCTIONS = new Set(['exec', 'execSync']);
/** child_process functions that use a shell only when asked to (`shell: true`). */
const SPAWN_FUNCTIONS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh)$/;

type MessageId = 'commandInjection' | 'commandInjectionAudit';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-command-injection',
    type: 'problem',
    severity: 'critical',
    docs: {
      title: 'Untrusted data in a shell command',
      cwe: ['CWE-78'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: 'safe',
    messages: {
      commandInjection: '{{source}} reaches a shell command in {{sink}}; an attacker can append their own commands.',
      commandInjectionAudit: '{{sink}} runs a shell command built from a value Guardline could not trace; make sure it cannot contain user input.',
    },
    sources: [{ name: 'semgrep: javascript.lang.security.detect-child-process', relation: 'inspired' }],
    tags: ['injection', 'command'],
  },
  // Prefilter: every sink is a function of one of these modules.
  prefilter: ['child_process', 'shelljs', 'execa', 'cross-spawn'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        // Identifiers may be aliases (`const run = util.promisify(cp.exec)`), so keep them all.
        const name = calleeName(node);
        if (unwrap(node.callee).type === AST_NODE_TYPES.Identifier || (name && (SHELL_FUNCTIONS.has(name) || SPAWN_FUNCTIONS.has(name) || name === 'command' || name === 'commandSync'))) calls.push(node);
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const { dataflow } = context;
  const ref = dataflow.moduleRef(call.callee);
  if (!ref) return;
  const fn = ref.path[ref.path.length - 1] ?? '';
  const command = call.arguments[0];
  if (!command || command.type === AST_NODE_TYPES.SpreadElement) return;
  let shellInput: TSESTree.Node | undefined;
  if ((ref.module === 'child_process' && SHELL_FUNCTIONS.has(fn)) || (ref.module === 'shelljs' && fn === 'exec') || (ref.module === 'execa' && (fn === 'command' || fn === 'commandSync'))) {
    shellInput = command;
  } else if ((ref.module === 'child_process' && SPAWN_FUNCTIONS.has(fn)) || (ref.module === 'execa' && (fn === 'execa' || fn === 'execaSync' || ref.path.length === 0)) || ref.module === 'cross-spawn') {
    const args = call.arguments[1];
    const argsArray = args && dataflow.definition(args) ? unwrap(dataflow.definition(args)!) : args && unwrap(args);
    const program = dataflow.constant(command)?.value;
    if (typeof program === 'string' && SHELLS.test(program) && argsArray?.type === AST_NODE_TYPES.ArrayExpression) {
      // spawn('sh', ['-c', script]): the script is shell input
      const flagIndex = argsArray.elements.findIndex((e) => !!e && /^(?:-c|\/c|-Command)$/i.test(String(dataflow.constant(e)?.value ?? '')));
      const script = flagIndex >= 0 ? argsArray.elements[flagIndex + 1] : undefined;
      if (script && script.type !== AST_NODE_TYPES.SpreadElement) shellInput = script;
    } else if (usesShell(context, call)) {
      // With `shell: true` the program and its arguments are joined into one command line.
      const argsTainted = args && args.type !== AST_NODE_TYPES.SpreadElement && dataflow.verdict(args, 'command').kind === 'tainted';
      shellInput = argsTainted ? args : command;
    }
  }
  if (!shellInput) return;
  const sink = `${ref.module === '#global' ? '' : `${ref.module}.`}${fn || ref.module}()`;
  const verdict = dataflow.verdict(shellInput, 'command');
  if (verdict.kind === 'tainted') {
    context.report({
      node: shellInput,
      messageId: 'commandInjection',
      data: { source: verdict.taint.source.label, sink },
      flow: flowSteps(verdict.taint, shellInput, `${sink} runs it in a shell`),
      ...fixFor(context, call, shellInput),
    });
  } else if (verdict.kind === 'unknown') {
    context.report({ node: shellInput, messageId: 'commandInjectionAudit', data: { sink }, confidence: 'audit', severity: 'medium' });
  }
}

/** Whether the options object (last object argument) sets `shell` to something truthy. */
function usesShell(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): boolean {
  for (const arg of call.arguments.slice(1)) {
    const options = context.dataflow.objectLiteral(arg);
    if (!options) continue;
    const shell = findProperty(options, 'shell');
    if (!shell) continue;
    return !isLiteralValue(shell.value, false) && !isLiteralValue(shell.value, undefined);
  }
  return false;
}

/**
 * exec('ping -c 1 ' + host, cb) becomes execFile('ping', ['-c', '1', host], cb): no shell, each
 * value one argument. Offered only when the command is plain words and whole-word values, with no
 * shell syntax that execFile would not reproduce.
 */
function fixFor(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression, command: TSESTree.Node): { fix?: Fix } {
  const { dataflow, file } = context;
  if (command !== call.arguments[0]) return {};
  const callee = unwrap(call.callee);
  const name = calleeName(call);
  if (name !== 'exec' && name !== 'execSync') return {};
  const words = splitCommand(command, (n) => dataflow.constant(n), file.getText.bind(file));
  if (!words || words.length === 0 || !words[0]!.startsWith("'")) return {};
  const replacementName = name === 'exec' ? 'execFile' : 'execFileSync';
  const [program, ...args] = words;
  const edits = [{ start: command.range[0], end: command.range[1], text: `${program}, [${args.join(', ')}]` }];
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed) {
    edits.push({ start: callee.property.range[0], end: callee.property.range[1], text: replacementName });
  } else if (callee.type === AST_NODE_TYPES.Identifier) {
    // `const { exec } = require('child_process')`: call execFile through the same module.
    const ref = dataflow.moduleRef(callee);
    if (ref?.module !== 'child_process') return {};
    edits.push({ start: callee.range[0], end: callee.range[1], text: `require('child_process').${replacementName}` });
  } else {
    return {};
  }
  return { fix: { title: `Use ${replacementName} with an argument array (no shell)`, edits } };
}

type Segment = { literal: string } | { expression: string };

/**
 * Splits `'cmd -x ' + a` or `` `cmd -x ${a}` `` into shell words rendered as JavaScript
 * expressions (`'cmd'`, `'-x'`, `a`, `` `--host=${h}` ``); undefined when a constant part uses
 * shell syntax (pipes, quotes, globs, substitutions) that an argument array would not reproduce.
 */
function splitCommand(
  node: TSESTree.Node,
  constant: (n: TSESTree.Node) => { value: unknown } | undefined,
  textOf: (n: { range: [number, number] }) => string,
): string[] | undefined {
  const parts: Segment[] = [];
  const collect = (n: TSESTree.Node): void => {
    const u = unwrap(n);
    const value = constant(u);
    if (value && (typeof value.value === 'string' || typeof value.value === 'number')) parts.push({ literal: String(value.value) });
    else if (u.type === AST_NODE_TYPES.BinaryExpression && u.operator === '+') {
      collect(u.left);
      collect(u.right);
    } else if (u.type === AST_NODE_TYPES.TemplateLiteral) {
      u.quasis.forEach((quasi, i) => {
        parts.push({ literal: quasi.value.cooked ?? '' });
        const expression = u.expressions[i];
        if (expression) collect(expression);
      });
    } else parts.push({ expression: textOf(u) });
  };
  collect(node);
  const words: Segment[][] = [];
  let current: Segment[] = [];
  for (const part of parts) {
    if ('expression' in part) {
      current.push(part);
      continue;
    }
    if (/[|&;<>()$`\\"'*?{}[\]~!#\n]/.test(part.literal)) return undefined;
    for (const piece of part.literal.split(/(\s+)/)) {
      if (/^\s+$/.test(piece)) {
        if (current.length) words.push(current);
        current = [];
      } else if (piece) current.push({ literal: piece });
    }
  }
  if (current.length) words.push(current);
  return words.map((segments) => {
    if (segments.length === 1) {
      const only = segments[0]!;
      return 'literal' in only ? `'${only.literal}'` : only.expression;
    }
    return '`' + segments.map((s) => ('literal' in s ? s.literal : '${' + s.expression + '}')).join('') + '`';
  });
}
