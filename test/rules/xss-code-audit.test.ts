// Audit findings of the XSS and code-injection rules: risky sinks whose input cannot be traced are
// reported only when audit results are asked for, marked `audit`, and never for calls that mostly
// get harmless input (timers with callbacks, jQuery append with elements, URL attributes).
import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/engine/engine';
import { findRule } from '../../rules';

function findings(ruleId: string, code: string, path = 'audit.js', audit = true): Array<{ line: number; confidence: string }> {
  const rule = findRule(ruleId)!.rule;
  return analyze({ path, text: code }, { rules: [rule], audit })
    .filter((f) => f.ruleId === ruleId)
    .map((f) => ({ line: f.range.start.line + 1, confidence: f.confidence }));
}

describe('audit findings of the XSS and code-injection rules', () => {
  it('no-code-injection: untraced code in eval/Function/vm is audit, timers and constants are not reported', () => {
    const code = [
      'function run(source) { return eval(source); }',
      'function build(body) { return new Function("data", body); }',
      'const vm = require("vm");',
      'function sandbox(script, ctx) { return vm.runInNewContext(script, ctx); }',
      'function later(task) { setTimeout(task, 10); }',
      'const value = eval("1 + 1");',
    ].join('\n');
    assert.deepEqual(findings('no-code-injection', code), [
      { line: 1, confidence: 'audit' },
      { line: 2, confidence: 'audit' },
      { line: 4, confidence: 'audit' },
    ]);
    assert.deepEqual(findings('no-code-injection', code, 'audit.js', false), [], 'audit findings are hidden by default');
  });

  it('no-dom-xss: untraced HTML in innerHTML and jQuery .html() is audit, jQuery .append() is not', () => {
    const code = [
      'function render(el, comment) {',
      '  el.innerHTML = comment.html;',
      '  $(el).html(comment.html);',
      '  $(el).append(comment.node);',
      '  el.innerHTML = "<hr>";',
      '}',
    ].join('\n');
    assert.deepEqual(findings('no-dom-xss', code), [
      { line: 2, confidence: 'audit' },
      { line: 3, confidence: 'audit' },
    ]);
  });

  it('no-react-dangerous-html: untraced, unsanitised HTML is audit; sanitised or constant HTML is not reported', () => {
    const code = [
      'import DOMPurify from "dompurify";',
      'function Post({ post }) {',
      '  return <div>',
      '    <div dangerouslySetInnerHTML={{ __html: post.html }} />',
      '    <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(post.html) }} />',
      '    <div dangerouslySetInnerHTML={{ __html: "<b>hi</b>" }} />',
      '  </div>;',
      '}',
    ].join('\n');
    assert.deepEqual(findings('no-react-dangerous-html', code, 'audit.jsx'), [{ line: 4, confidence: 'audit' }]);
  });

  it('no-unescaped-template-output: wrappers, SafeString of untraced values and non-web escaping settings are audit', () => {
    const code = [
      'const Handlebars = require("handlebars");',
      'const nunjucks = require("nunjucks");',
      'module.exports.render = function render(source, data) { return Handlebars.compile(source)(data); };',
      'Handlebars.registerHelper("raw", (text) => new Handlebars.SafeString(text));',
      'nunjucks.configure("prompts", { autoescape: false });',
    ].join('\n');
    assert.deepEqual(findings('no-unescaped-template-output', code), [
      { line: 3, confidence: 'audit' },
      { line: 4, confidence: 'audit' },
      { line: 5, confidence: 'audit' },
    ]);
  });

  it('no-reflected-xss: HTML a library caller passes in is audit; request data is confirmed', () => {
    const code = [
      'const express = require("express");',
      'module.exports.page = function page(res, body) { res.send("<main>" + body + "</main>"); };',
      'const app = express();',
      'app.get("/", (req, res) => res.send("<p>" + req.query.q + "</p>"));',
    ].join('\n');
    assert.deepEqual(findings('no-reflected-xss', code), [
      { line: 2, confidence: 'audit' },
      { line: 4, confidence: 'confirmed' },
    ]);
  });
});
