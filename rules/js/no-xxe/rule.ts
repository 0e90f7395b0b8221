// XML external entities (XXE): libxml2 bindings (libxmljs, libxmljs2) parsing untrusted XML with
// entity substitution (`noent`), external DTD loading (`dtdload`, `dtdvalid`) or XInclude turned on.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, findProperty, isLiteralValue, propertyName, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext, Fix } from '../../api/types';
import { flowSteps } from '../../api/flow';

/** libxml2 bindings whose parse functions take libxml2's parser options. */
const LIBXML_MODULES = new Set(['libxmljs', 'libxmljs2']);
const PARSE_FUNCTIONS = new Set(['parseXml', 'parseXmlString', 'parseXmlAsync', 'fromXml']);
/**
 * Options that let a document reach outside itself, with what they do. `noent` substitutes
 * external entities into the tree (file contents, URLs); `dtdload`/`dtdvalid` fetch the external
 * DTD, whose parameter entities can send data out; `xinclude` reads other files.
 */
const DANGEROUS_OPTIONS: Record<string, string> = {
  noent: 'substitutes external entities such as <!ENTITY x SYSTEM "file:///etc/passwd">',
  dtdload: 'loads external DTDs, whose parameter entities can read files and send them out',
  dtdvalid: 'loads and validates against external DTDs, whose parameter entities can read files and send them out',
  xinclude: 'follows XInclude directives that pull other files into the document',
};

type MessageId = 'xxe' | 'xxeAudit';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-xxe',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'XML parsed with external entities enabled',
      cwe: ['CWE-611'],
      owasp: ['A05:2021-Security Misconfiguration'],
    },
    fixable: 'safe',
    messages: {
      xxe: '{{source}} is parsed by {{sink}} with `{{option}}: true`, which {{effect}}: a crafted document can read server files or reach internal URLs.',
      xxeAudit: '{{sink}} parses XML Guardline could not trace with `{{option}}: true`, which {{effect}}; make sure the document never comes from outside.',
    },
    sources: [
      { name: 'semgrep: javascript.lang.security.audit.libxml-noent', relation: 'inspired' },
      { name: 'nodejsscan: xxe_noent', relation: 'inspired' },
    ],
    tags: ['xxe', 'xml'],
  },
  // Prefilter: libxmljs and libxmljs2.
  prefilter: ['libxmljs'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (name && PARSE_FUNCTIONS.has(name)) calls.push(node);
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
  if (!ref || !LIBXML_MODULES.has(ref.module)) return;
  const [xml, optionsArg] = call.arguments;
  if (!xml || xml.type === AST_NODE_TYPES.SpreadElement || !optionsArg || optionsArg.type === AST_NODE_TYPES.SpreadElement) return;
  const options = dataflow.objectLiteral(optionsArg);
  if (!options) return;
  const enabled = Object.keys(DANGEROUS_OPTIONS)
    .map((name) => findProperty(options, name))
    .filter((prop): prop is TSESTree.Property => !!prop && isLiteralValue(unwrap(prop.value), true));
  if (enabled.length === 0) return;
  const option = propertyName(enabled[0]!)!;
  const sink = `${ref.module}.${ref.path.join('.')}()`;
  const data = { sink, option, effect: DANGEROUS_OPTIONS[option]! };
  const verdict = dataflow.verdict(xml, 'xml');
  // Entity substitution is off by default in libxml2: turning it off again is the documented safe
  // setting and changes nothing for documents that do not declare entities.
  // Only an inline options object: a shared constant may serve other, trusted parses too.
  const noent = enabled.length === 1 && option === 'noent' && unwrap(optionsArg) === options ? enabled[0] : undefined;
  const fix: Fix | undefined = noent ? { title: 'Turn entity substitution off (noent: false)', edits: [{ start: noent.value.range[0], end: noent.value.range[1], text: 'false' }] } : undefined;
  if (verdict.kind === 'tainted') {
    context.report({
      node: xml,
      messageId: 'xxe',
      data: { ...data, source: verdict.taint.source.label },
      flow: flowSteps(verdict.taint, xml, `${sink} expands its entities`),
      ...(fix ? { fix } : {}),
    });
  } else if (verdict.kind === 'unknown') {
    context.report({ node: xml, messageId: 'xxeAudit', data, confidence: 'audit', severity: 'medium', ...(fix ? { fix } : {}) });
  }
}
