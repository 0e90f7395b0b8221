// Electron windows whose webPreferences turn off the renderer's defences: Node.js in web content,
// no context isolation, no sandbox, no same-origin policy, the remote module, <webview>.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext, Severity } from '../../api/types';

interface UnsafePreference {
  /** The value that turns the defence off; the fix writes the opposite, Electron's default. */
  unsafe: boolean;
  severity: Severity;
  effect: string;
}

const PREFERENCES: Record<string, UnsafePreference> = {
  nodeIntegration: { unsafe: true, severity: 'high', effect: 'gives the page full Node.js access, so any XSS or malicious ad runs code on the user\'s machine' },
  nodeIntegrationInSubFrames: { unsafe: true, severity: 'high', effect: 'gives every iframe, including third-party ones, Node.js access' },
  nodeIntegrationInWorker: { unsafe: true, severity: 'medium', effect: 'gives the page\'s web workers Node.js access' },
  contextIsolation: { unsafe: false, severity: 'high', effect: 'lets the page reach into the preload script\'s context and the Node.js or Electron APIs it holds' },
  webSecurity: { unsafe: false, severity: 'high', effect: 'turns off the same-origin policy, so any page can read responses from any site and local files' },
  allowRunningInsecureContent: { unsafe: true, severity: 'medium', effect: 'lets an HTTPS page run scripts loaded over plain HTTP, which anyone on the network can replace' },
  enableRemoteModule: { unsafe: true, severity: 'high', effect: 'exposes the main process\'s modules to the page through the remote module' },
  sandbox: { unsafe: false, severity: 'medium', effect: 'runs the renderer outside Chromium\'s OS sandbox, so a renderer exploit reaches the whole system' },
  webviewTag: { unsafe: true, severity: 'medium', effect: 'lets the page create <webview> elements with their own, possibly weaker, preferences' },
};

type MessageId = 'unsafePreference';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-electron-node-integration',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Electron window with renderer defences turned off',
      cwe: ['CWE-94', 'CWE-829'],
      owasp: ['A05:2021-Security Misconfiguration'],
    },
    fixable: 'safe',
    messages: {
      unsafePreference: '`{{name}}: {{value}}` {{effect}}.',
    },
    sources: [
      { name: 'Electronegativity: NODE_INTEGRATION_JS_CHECK, CONTEXT_ISOLATION_JS_CHECK, SANDBOX_JS_CHECK', relation: 'inspired' },
      { name: '@microsoft/eslint-plugin-sdl: no-electron-node-integration', relation: 'inspired' },
    ],
    tags: ['electron', 'configuration'],
  },
  // Prefilter: the BrowserWindow option it reads.
  prefilter: ['webPreferences'],
  create(context) {
    const preferences: TSESTree.Node[] = [];
    return {
      Property(node) {
        if (propertyName(node) === 'webPreferences') preferences.push(node.value);
      },
      'Program:exit'() {
        const seen = new Set<TSESTree.ObjectExpression>();
        for (const value of preferences) {
          const object = context.dataflow.objectLiteral(value);
          if (!object || seen.has(object)) continue;
          seen.add(object);
          check(context, object);
        }
      },
    };
  },
});

function check(context: AstRuleContext<MessageId>, preferences: TSESTree.ObjectExpression): void {
  for (const prop of preferences.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const name = propertyName(prop);
    const rule = name !== undefined && Object.hasOwn(PREFERENCES, name) ? PREFERENCES[name]! : undefined;
    if (!rule) continue;
    const value = unwrap(prop.value);
    // Only literal booleans: `nodeIntegration: isTest` is someone's deliberate switch.
    if (value.type !== AST_NODE_TYPES.Literal || value.value !== rule.unsafe) continue;
    context.report({
      node: prop,
      messageId: 'unsafePreference',
      data: { name: name!, value: String(rule.unsafe), effect: rule.effect },
      severity: rule.severity,
      fix: { title: `Set ${name} to ${String(!rule.unsafe)} (Electron's default)`, edits: [{ start: value.range[0], end: value.range[1], text: String(!rule.unsafe) }] },
    });
  }
}
