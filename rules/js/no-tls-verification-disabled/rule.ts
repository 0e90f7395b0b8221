// TLS certificate verification turned off: `rejectUnauthorized: false` (https/tls/axios/got/undici
// agents, pg and other drivers), request's `strictSSL: false`, MongoDB's `tlsAllowInvalid*`, a
// `checkServerIdentity` that accepts everything, and NODE_TLS_REJECT_UNAUTHORIZED=0.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, isFunction, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext, Fix } from '../../api/types';

type MessageId = 'verificationDisabled' | 'hostnameCheckDisabled' | 'envDisabled';

/** Options that disable verification when set to the given value, and the secure value. */
const INSECURE_OPTIONS: Record<string, { insecure: boolean; secure: string }> = {
  rejectUnauthorized: { insecure: false, secure: 'true' },
  strictSSL: { insecure: false, secure: 'true' },
  sslValidate: { insecure: false, secure: 'true' },
  tlsAllowInvalidCertificates: { insecure: true, secure: 'false' },
  tlsAllowInvalidHostnames: { insecure: true, secure: 'false' },
  tlsInsecure: { insecure: true, secure: 'false' },
};
const ENV_NAME = 'NODE_TLS_REJECT_UNAUTHORIZED';
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|0\.0\.0\.0|[\w.-]+\.(?:local|localhost|test|internal))$/i;
/** Servers read `rejectUnauthorized` as "require client certificates": a different question. */
const SERVER_FACTORIES = /^(?:createServer|createSecureServer|createSecureContext)$/;

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-tls-verification-disabled',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'TLS certificate verification disabled',
      cwe: ['CWE-295'],
      owasp: ['A07:2021-Identification and Authentication Failures'],
    },
    fixable: 'safe',
    hasSuggestions: true,
    messages: {
      verificationDisabled: '`{{option}}: {{value}}` turns off TLS certificate verification{{target}}: anyone on the network path can impersonate the server and read or change the traffic. Trust a private CA instead (the `ca` option, or NODE_EXTRA_CA_CERTS).',
      hostnameCheckDisabled: 'This checkServerIdentity accepts every certificate name, so any valid certificate for any host is trusted{{target}}; remove it or compare the name for real.',
      envDisabled: 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate verification for every TLS connection this process makes; remove it and trust a private CA with NODE_EXTRA_CA_CERTS instead.',
    },
    sources: [
      { name: 'semgrep: javascript.lang.security.audit.tls-reject-unauthorized (concept)', relation: 'inspired' },
      { name: 'nodejsscan: node_tls_reject', relation: 'inspired' },
    ],
    tags: ['tls', 'transport'],
  },
  // Prefilter: the options and the environment variable it reads.
  prefilter: ['rejectUnauthorized', 'strictSSL', 'sslValidate', 'tlsAllowInvalidCertificates', 'tlsAllowInvalidHostnames', 'tlsInsecure', 'checkServerIdentity', 'NODE_TLS_REJECT_UNAUTHORIZED'],
  create(context) {
    const properties: TSESTree.Property[] = [];
    const assignments: TSESTree.AssignmentExpression[] = [];
    return {
      Property(node) {
        const name = propertyName(node);
        if (name && (name in INSECURE_OPTIONS || name === 'checkServerIdentity' || name === ENV_NAME) && node.parent?.type === AST_NODE_TYPES.ObjectExpression) properties.push(node);
      },
      AssignmentExpression(node) {
        const left = unwrap(node.left);
        if (node.operator !== '=' || left.type !== AST_NODE_TYPES.MemberExpression) return;
        const name = propertyName(left);
        if (name && (name in INSECURE_OPTIONS || name === ENV_NAME)) assignments.push(node);
      },
      'Program:exit'() {
        for (const property of properties) checkProperty(context, property);
        for (const assignment of assignments) checkAssignment(context, assignment);
      },
    };
  },
});

function checkProperty(context: AstRuleContext<MessageId>, property: TSESTree.Property): void {
  const name = propertyName(property)!;
  const object = property.parent as TSESTree.ObjectExpression;
  if (usedByServer(object)) return;
  const target = targetOf(context, object);
  if (target === LOCAL) return;
  const targetText = target ? ` for ${target}` : '';
  if (name === 'checkServerIdentity') {
    if (acceptsEverything(property.value)) context.report({ node: property, messageId: 'hostnameCheckDisabled', data: { target: targetText }, suggestions: [removeProperty(context, property)] });
    return;
  }
  if (name === ENV_NAME) {
    if (isZero(context, property.value)) context.report({ node: property, messageId: 'envDisabled', suggestions: [removeProperty(context, property)] });
    return;
  }
  const option = INSECURE_OPTIONS[name]!;
  const value = context.dataflow.constant(property.value);
  if (!value || value.value !== option.insecure) return;
  context.report({
    node: property,
    messageId: 'verificationDisabled',
    data: { option: name, value: String(option.insecure), target: targetText },
    ...literalFix(property.value, option.secure, name),
  });
}

function checkAssignment(context: AstRuleContext<MessageId>, assignment: TSESTree.AssignmentExpression): void {
  const left = unwrap(assignment.left) as TSESTree.MemberExpression;
  const name = propertyName(left)!;
  if (name === ENV_NAME) {
    if (!/^process\.env$/.test(context.file.getText(left.object)) || !isZero(context, assignment.right)) return;
    const statement = assignment.parent?.type === AST_NODE_TYPES.ExpressionStatement ? assignment.parent : undefined;
    context.report({ node: assignment, messageId: 'envDisabled', ...(statement ? { suggestions: [removeStatement(context, statement)] } : {}) });
    return;
  }
  const option = INSECURE_OPTIONS[name]!;
  const value = context.dataflow.constant(assignment.right);
  if (!value || value.value !== option.insecure) return;
  context.report({ node: assignment, messageId: 'verificationDisabled', data: { option: name, value: String(option.insecure), target: '' }, ...literalFix(assignment.right, option.secure, name) });
}

/** `false` written in place becomes `true`: the one edit that turns verification back on. */
function literalFix(value: TSESTree.Node, secure: string, name: string): { fix?: Fix } {
  const node = unwrap(value);
  if (node.type !== AST_NODE_TYPES.Literal || typeof node.value !== 'boolean') return {};
  return { fix: { title: `Set ${name} to ${secure} (verify certificates)`, edits: [{ start: node.range[0], end: node.range[1], text: secure }] } };
}

function isZero(context: AstRuleContext<MessageId>, node: TSESTree.Node): boolean {
  const value = context.dataflow.constant(node)?.value;
  return value === '0' || value === 0;
}

const LOCAL = Symbol('local host');

/** The host the options talk to: a local host (quiet), a named remote host, or unknown (''). */
function targetOf(context: AstRuleContext<MessageId>, object: TSESTree.ObjectExpression): string | typeof LOCAL {
  for (const key of ['host', 'hostname', 'servername', 'url', 'uri', 'baseURL', 'connectionString']) {
    const value = context.dataflow.property(object, key);
    const text = value && context.dataflow.constant(value)?.value;
    if (typeof text !== 'string') continue;
    const host = key.startsWith('host') || key === 'servername' ? text : hostOf(text);
    if (!host) continue;
    return LOCAL_HOST.test(host) ? LOCAL : host;
  }
  return '';
}

function hostOf(url: string): string | undefined {
  const match = /^[a-z][\w+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(url);
  return match?.[1];
}

/** Options object passed (directly) to tls.createServer, https.createServer, http2.createSecureServer. */
function usedByServer(object: TSESTree.ObjectExpression): boolean {
  const parent = object.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(object) && SERVER_FACTORIES.test(calleeName(parent) ?? '');
}

/** `() => undefined`, `() => {}`, `function () { return; }`: a check that never fails. */
function acceptsEverything(value: TSESTree.Node): boolean {
  const fn = unwrap(value);
  if (!isFunction(fn)) return false;
  const body = fn.body;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return isNothing(body);
  return body.body.every((statement) => statement.type === AST_NODE_TYPES.ReturnStatement && (!statement.argument || isNothing(statement.argument)));
}

function isNothing(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return (n.type === AST_NODE_TYPES.Identifier && n.name === 'undefined') || (n.type === AST_NODE_TYPES.Literal && n.value === null) || (n.type === AST_NODE_TYPES.UnaryExpression && n.operator === 'void');
}

/** Removes a property together with its comma. */
function removeProperty(context: AstRuleContext<MessageId>, property: TSESTree.Property): Fix {
  const text = context.file.text;
  let start = property.range[0];
  let end = property.range[1];
  const after = /^\s*,[ \t]*/.exec(text.slice(end));
  if (after) end += after[0].length;
  else {
    const before = /,\s*$/.exec(text.slice(0, start));
    if (before) start -= before[0].length;
  }
  return { title: `Remove ${propertyName(property)}`, edits: [{ start, end, text: '' }] };
}

/** Removes a statement, with its line when it is alone on it. */
function removeStatement(context: AstRuleContext<MessageId>, statement: TSESTree.Node): Fix {
  const text = context.file.text;
  let [start, end] = statement.range;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  if (/^\s*$/.test(text.slice(lineStart, start)) && /^\s*$/.test(text.slice(end, lineEnd === -1 ? text.length : lineEnd))) {
    start = lineStart;
    end = lineEnd === -1 ? text.length : lineEnd + 1;
  }
  return { title: `Remove the ${ENV_NAME} assignment`, edits: [{ start, end, text: '' }] };
}
