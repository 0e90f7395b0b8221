// guardline.yaml validation: every problem names the key, says what is allowed, and sits on the
// line (and columns) that must change; valid files give the settings and services they describe.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTHENTICATIONS, DATA_CLASSES, EXPOSURES } from '../../server/src/engine/context/model';
import { IDENTITY_KEYS, parseSettings, RULE_SETTING_KEYS, SERVICE_KEYS, TOP_LEVEL_KEYS } from '../../server/src/engine/config';

/** Problems as "line:column severity message" (1-based), for readable assertions. */
function problemsOf(text: string): string[] {
  return parseSettings(text).problems.map((p) => `${p.line + 1}:${(p.character ?? 0) + 1} ${p.severity} ${p.message}`);
}

describe('guardline.yaml validation', () => {
  it('reads a complete file into settings and services', () => {
    const { settings, problems, valid } = parseSettings(`version: 1
services:
  payments-api:
    description: Card payments
    paths: ["services/payments/**", "!**/*.test.ts"]
    exposure: internet
    authentication: none
    identity:
      permissions: ["dynamodb:*", "kms:Decrypt"]
    data: [payment-card, pii]
  report-batch:
    paths: jobs/reports/**
    exposure: isolated
    identity:
      privileged: true
    data: public
rules:
  no-command-injection: off
  no-sql-injection: medium
  no-ssrf:
    severity: low
    options: { allowHosts: [internal.example] }
ignore: ["**/fixtures/**"]
baseline: guardline.baseline.jsonl
audit: true
inference: false
`);
    assert.deepEqual(problems, []);
    assert.equal(valid, true);
    assert.deepEqual(settings.rules, { 'no-command-injection': 'off', 'no-sql-injection': 'medium', 'no-ssrf': { severity: 'low', options: { allowHosts: ['internal.example'] } } });
    assert.deepEqual(settings.ignore, ['**/fixtures/**']);
    assert.equal(settings.baseline, 'guardline.baseline.jsonl');
    assert.equal(settings.audit, true);
    assert.equal(settings.inference, false);
    const [payments, batch] = settings.services;
    assert.equal(payments!.name, 'payments-api');
    assert.deepEqual(payments!.paths.map((p) => p.glob), ['services/payments/**', '!**/*.test.ts']);
    assert.deepEqual(payments!.exposure, { value: 'internet', line: 5 });
    assert.deepEqual(payments!.authentication, { value: 'none', line: 6 });
    assert.deepEqual(payments!.permissions, { value: ['dynamodb:*', 'kms:Decrypt'], line: 8 });
    assert.deepEqual(payments!.data, { value: ['payment-card', 'pii'], line: 9 });
    assert.deepEqual(batch!.paths.map((p) => p.glob), ['jobs/reports/**'], 'a single glob is a one-item list');
    assert.deepEqual(batch!.privileged, { value: true, line: 14 });
    assert.deepEqual(batch!.data?.value, ['public']);
  });

  it('accepts an empty file and a file without a version', () => {
    assert.deepEqual(parseSettings('').problems, []);
    assert.deepEqual(parseSettings('# nothing yet\n').problems, []);
    assert.deepEqual(parseSettings('rules:\n  no-ssrf: high\n').problems, []);
  });

  it('reports an unknown key at its position and suggests the key meant', () => {
    assert.deepEqual(problemsOf('version: 1\nservices:\n  api:\n    paths: ["api/**"]\n    exposre: internet\n'), [
      '5:5 error unknown key "exposre" in service "api"; did you mean "exposure"?',
    ]);
    assert.deepEqual(problemsOf('servics: {}\n'), ['1:1 error unknown key "servics" at the top level of guardline.yaml; did you mean "services"?']);
    const far = problemsOf('colour: blue\n')[0]!;
    assert.match(far, /^1:1 error unknown key "colour" .*expected one of version, services, rules, ignore, baseline, audit, inference$/);
  });

  it('explains a bad value, lists what is allowed and maps common words to the right one', () => {
    const [exposure] = problemsOf('services:\n  api:\n    paths: [api]\n    exposure: public\n');
    assert.match(exposure!, /^4:15 error exposure must be one of internet, partner, internal, isolated, not "public"\. Did you mean "internet"\? \(internet: anyone can reach it/);
    const [data] = problemsOf('services:\n  api:\n    paths: [api]\n    data: [pii, pci]\n');
    assert.match(data!, /^4:17 error a data class must be one of pii, payment-card, credentials, health, secrets, public, not "pci"\. Did you mean "payment-card"\?/);
    const [auth] = problemsOf('services:\n  api:\n    paths: [api]\n    authentication: optional\n');
    assert.match(auth!, /authentication must be one of none, required, not "optional"\. Did you mean "none"\?/);
    const [typo] = problemsOf('services:\n  api:\n    paths: [api]\n    exposure: internt\n');
    assert.match(typo!, /Did you mean "internet"\?/);
  });

  it('checks identity, permissions and service names', () => {
    const problems = problemsOf(`services:
  "bad name!":
    paths: [x]
  api:
    paths: [api]
    identity:
      permissions: ["s3:GetObject", "dynamodb get item", 42]
      privileged: yes
      role: admin
`);
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems[0]!, /^2:3 error service name "bad name!" must be letters, digits/);
    assert.match(problems[1]!, /^9:7 error unknown key "role" in the identity of service "api"/);
    assert.match(problems[2]!, /^7:37 error "dynamodb get item" is not a cloud action/);
    assert.match(problems[3]!, /^7:58 error a permission is a cloud action written as text/);
    assert.match(problems[4]!, /^8:19 error privileged must be true or false/);
  });

  it('requires paths, and checks every glob', () => {
    const problems = problemsOf(`services:
  api:
    exposure: internet
  web:
    paths: ["web/{a,b", "${'x'.repeat(300)}", "../outside/**", "${'{a,b}'.repeat(8)}"]
  empty:
    paths: []
`);
    assert.match(problems[0]!, /^2:3 error service "api" needs paths: the globs of its code, e\.g\. paths: \["services\/api\/\*\*"\]/);
    assert.match(problems[1]!, /^5:13 error "web\/\{a,b" in paths of service "web": a "\{" is never closed with "\}"/);
    assert.match(problems[2]!, /error "x{57}\.\.\." in paths of service "web": this glob is 300 characters long; globs are limited to 256/);
    assert.match(problems[3]!, /cannot climb out of it with "\.\."/);
    assert.match(problems[4]!, /expand to more than 64 globs/);
    assert.match(problems[5]!, /^7:12 error paths of service "empty" is empty/);
  });

  it('checks rule settings, warning about unknown rules with the closest id', () => {
    const problems = problemsOf(`rules:
  no-command-injections: off
  no-sql-injection: hihg
  no-ssrf: false
  no-redos:
    severity: low
    option: {}
  no-path-traversal: [high]
`);
    assert.equal(problems[0], '2:3 warning unknown rule "no-command-injections"; did you mean "no-command-injection"?');
    assert.match(problems[1]!, /^3:21 error the setting of rule "no-sql-injection" must be one of off, critical, high, medium, low, info, not "hihg"\. Did you mean "high"\?/);
    assert.match(problems[2]!, /^4:12 error write "no-ssrf: off" to turn the rule off/);
    assert.match(problems[3]!, /^7:5 error unknown key "option" in the settings of rule "no-redos"; did you mean "options"\?/);
    assert.match(problems[4]!, /^8:22 error the setting of rule "no-path-traversal" must be off, a severity/);
    assert.equal(parseSettings('rules:\n  no-command-injections: off\n').valid, true, 'an unknown rule is a warning: the file is still usable');
  });

  it('reports keys written twice', () => {
    const problems = problemsOf('services:\n  api:\n    paths: [a]\n    exposure: internet\n    exposure: internal\n');
    assert.deepEqual(problems, ['5:5 error "exposure" is written twice here; YAML keeps only one of them, so remove or merge the other']);
  });

  it('reports invalid YAML at its line and keeps nothing of the file', () => {
    const result = parseSettings('version: 1\nservices:\n  api:\n    paths: [a\n    exposure: internet\n');
    assert.equal(result.valid, false);
    assert.match(result.problems[0]!.message, /^Invalid YAML: /);
    assert.ok(result.problems[0]!.line >= 3, `line ${result.problems[0]!.line}`);
    assert.deepEqual(result.settings.services, []);
  });

  it('reports a document that is not a mapping, several documents and a wrong version', () => {
    assert.match(problemsOf('- a\n- b\n')[0]!, /must be a mapping of settings/);
    assert.match(problemsOf('version: 1\n---\nversion: 1\n')[0]!, /several YAML documents/);
    assert.match(problemsOf('version: 2\n')[0]!, /^1:10 error version must be 1: this Guardline reads version 1 of guardline.yaml; upgrade Guardline to read a newer one/);
    assert.match(problemsOf('version: "1"\n')[0]!, /^1:10 error version must be 1/);
  });

  it('keeps the valid parts of a file with errors, and says it is not valid', () => {
    const result = parseSettings('services:\n  api:\n    paths: [api]\n    exposure: everywhere\n    data: [pii]\nrules:\n  no-ssrf: low\n');
    assert.equal(result.valid, false);
    assert.equal(result.settings.services[0]!.exposure, undefined);
    assert.deepEqual(result.settings.services[0]!.data?.value, ['pii']);
    assert.equal(result.settings.rules['no-ssrf'], 'low');
  });

  it('follows anchors and merge keys', () => {
    const { settings, problems } = parseSettings(`defaults: &public
  exposure: internet
  authentication: none
services:
  api:
    <<: *public
    paths: [api]
  web:
    <<: *public
    paths: [web]
    authentication: required
`);
    assert.deepEqual(problems.map((p) => p.message), ['unknown key "defaults" at the top level of guardline.yaml; expected one of version, services, rules, ignore, baseline, audit, inference']);
    assert.equal(settings.services[0]!.exposure?.value, 'internet');
    assert.equal(settings.services[1]!.authentication?.value, 'required', 'an explicit key overrides a merged one');
  });
});

describe('guardline.schema.json', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas/guardline.schema.json'), 'utf8')) as {
    properties: Record<string, unknown>;
    definitions: Record<string, { properties?: Record<string, { enum?: string[]; properties?: Record<string, unknown> }>; enum?: string[]; additionalProperties?: unknown }>;
  };

  it('describes the same keys and values as the validator', () => {
    assert.deepEqual(Object.keys(schema.properties).sort(), [...TOP_LEVEL_KEYS].sort());
    const service = schema.definitions.service!;
    assert.deepEqual(Object.keys(service.properties!).sort(), [...SERVICE_KEYS].sort());
    assert.deepEqual(Object.keys(service.properties!.identity!.properties!).sort(), [...IDENTITY_KEYS].sort());
    assert.deepEqual(service.properties!.exposure!.enum, [...EXPOSURES]);
    assert.deepEqual(service.properties!.authentication!.enum, [...AUTHENTICATIONS]);
    assert.deepEqual(schema.definitions.dataClass!.enum, [...DATA_CLASSES]);
    const ruleObject = (schema.properties.rules as { additionalProperties: { oneOf: Array<{ properties?: Record<string, unknown> }> } }).additionalProperties.oneOf[1]!;
    assert.deepEqual(Object.keys(ruleObject.properties!).sort(), [...RULE_SETTING_KEYS].sort());
  });
});
