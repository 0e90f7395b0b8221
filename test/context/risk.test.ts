// The risk model: severity moved by exposure, authentication, data and blast radius, within limits;
// reasons in words that say what was inferred and from where; the attack path; and the classic case
// where a medium injection in an exposed service outranks a critical one in an isolated job.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRule } from '../../rules';
import { loadProject } from '../../server/src/engine/context';
import { analyze } from '../../server/src/engine/engine';
import { prioritize, RISK_POINTS, type FileContext } from '../../server/src/engine/risk';

const declared = (line = 0) => ({ source: 'declared' as const, file: 'guardline.yaml', line });
const regexInjection = findRule('no-regex-injection')!.rule.meta;
const commandInjection = findRule('no-command-injection')!.rule.meta;
const insecureCookie = findRule('no-insecure-cookie')!.rule.meta;
const parseError = findRule('parse-error')!.rule.meta;

const EXPOSED: FileContext = {
  service: 'payments-api',
  exposure: { value: 'internet', origin: declared(3) },
  authentication: { value: 'required', origin: declared(4) },
  permissions: { value: ['dynamodb:*'], origin: declared(6) },
  data: { value: ['pii'], origin: declared(7) },
};
const ISOLATED_JOB: FileContext = { service: 'report-batch', exposure: { value: 'isolated', origin: declared(10) }, data: { value: ['public'], origin: declared(11) } };

describe('risk model', () => {
  it('ranks a medium injection in an internet-facing service with broad permissions and customer data above a critical one in an isolated job', () => {
    const medium = prioritize('medium', EXPOSED, regexInjection);
    const critical = prioritize('critical', ISOLATED_JOB, commandInjection);
    assert.ok(medium.score > critical.score, `${medium.score} > ${critical.score}`);
    assert.deepEqual([medium.score, medium.level], [77, 'high']);
    assert.deepEqual([critical.score, critical.level], [65, 'high']);
    assert.deepEqual(medium.reasons, ['internet-facing', 'authentication required', 'reads pii data', 'identity can dynamodb:*']);
    assert.deepEqual(critical.reasons, ['isolated (no network entry)', 'only public data']);
  });

  it('ranks the classic case the same way end to end, from the monorepo fixture through analyze()', () => {
    const root = join(__dirname, '../fixtures/context/monorepo');
    const project = loadProject(root);
    const run = (path: string) => analyze({ path, text: readFileSync(join(root, path), 'utf8') }, { settings: project.settings.rules, context: project.contextFor(path) });
    const [regex] = run('services/payments/src/server.js').filter((f) => f.ruleId === 'no-regex-injection');
    const [command] = run('services/reports/src/job.js').filter((f) => f.ruleId === 'no-command-injection');
    assert.equal(regex!.severity, 'medium');
    assert.equal(command!.severity, 'critical');
    assert.ok(regex!.priority.score > command!.priority.score, `${regex!.priority.score} > ${command!.priority.score}`);
    assert.deepEqual(regex!.priority.reasons, ['internet-facing', 'no authentication', 'reads payment-card, pii data', 'identity can dynamodb:*, kms:Decrypt (inferred from terraform/iam.tf:11)']);
    assert.equal(regex!.priority.attackPath, 'the internet (Ingress shop routes pay.acme.example to Service payments at k8s/ingress.yaml:17; no authentication) → payments → Untrusted data compiled as a regular expression → payment-card, pii data; identity can dynamodb:*, kms:Decrypt');
    assert.equal(command!.priority.attackPath, 'no network entry (isolated) → reports → Untrusted data in a shell command → identity can s3:PutObject');
  });

  it('adds the documented points, counting only the most sensitive data class', () => {
    const context: FileContext = { exposure: { value: 'partner', origin: declared() }, authentication: { value: 'none', origin: declared() }, data: { value: ['pii', 'health'], origin: declared() } };
    const expected = 50 + RISK_POINTS.exposure.partner + RISK_POINTS.unauthenticated + RISK_POINTS.data.health;
    assert.equal(prioritize('medium', context, regexInjection).score, expected);
  });

  it('counts missing authentication only where the service is reachable from outside', () => {
    const internal: FileContext = { exposure: { value: 'internal', origin: declared() }, authentication: { value: 'none', origin: declared() } };
    const priority = prioritize('high', internal, commandInjection);
    assert.equal(priority.score, 70);
    assert.deepEqual(priority.reasons, ['internal network only']);
  });

  it('treats admin rights as a larger blast radius than a wildcard', () => {
    const withActions = (actions: string[]): FileContext => ({ permissions: { value: actions, origin: declared() } });
    assert.equal(prioritize('medium', withActions(['s3:GetObject']), regexInjection).score, 50);
    assert.equal(prioritize('medium', withActions(['s3:Get*']), regexInjection).score, 55);
    assert.equal(prioritize('medium', withActions(['*']), regexInjection).score, 60);
    assert.equal(prioritize('medium', withActions(['iam:*']), regexInjection).score, 60);
    const privileged = prioritize('medium', { privileged: { value: true, origin: declared() } }, regexInjection);
    assert.deepEqual([privileged.score, privileged.reasons], [60, ['privileged identity']]);
  });

  it('moves a score at most 30 either way, so context never turns a low into a critical', () => {
    const worst: FileContext = { ...EXPOSED, authentication: { value: 'none', origin: declared() }, permissions: { value: ['*'], origin: declared() }, data: { value: ['payment-card'], origin: declared() } };
    assert.deepEqual([prioritize('low', worst, regexInjection).score, prioritize('low', worst, regexInjection).level], [60, 'medium']);
    assert.equal(prioritize('critical', worst, commandInjection).score, 100);
  });

  it('never moves hardening advice or the engine\'s own notes, and says why', () => {
    const hardening = prioritize('medium', EXPOSED, insecureCookie);
    assert.deepEqual(hardening, { score: 50, level: 'medium', reasons: ['not ranked by deployment context (hardening advice)'], service: 'payments-api' });
    const info = prioritize('info', EXPOSED, parseError);
    assert.deepEqual([info.score, info.level, info.reasons], [10, 'info', ['not ranked by deployment context (informational)']]);
    assert.equal(prioritize('info', ISOLATED_JOB, { type: 'problem' }).score, 10, 'info is never lowered either');
  });

  it('keeps the severity when nothing is known about the file', () => {
    assert.deepEqual(prioritize('high', undefined, commandInjection), { score: 70, level: 'high', reasons: [] });
    assert.deepEqual(prioritize('high', { service: 'api', serviceSource: 'declared' }, commandInjection), { score: 70, level: 'high', reasons: [], service: 'api' });
  });

  it('labels inferred context with the file and line it came from, and names at most three actions', () => {
    const origin = { source: 'inferred' as const, file: 'k8s/ingress.yaml', line: 11, detail: 'Ingress shop routes shop.example.com to Service web' };
    const context: FileContext = {
      service: 'web',
      exposure: { value: 'internet', origin },
      entryPoint: 'Ingress shop routes shop.example.com to Service web at k8s/ingress.yaml:12',
      permissions: { value: ['s3:GetObject', 'sqs:SendMessage', 'dynamodb:*', 'kms:Decrypt', '*'], origin: { source: 'inferred', file: 'infra/iam.tf', line: 4 } },
    };
    const priority = prioritize('high', context, commandInjection);
    assert.deepEqual(priority.reasons, ['internet-facing (inferred from k8s/ingress.yaml:12)', 'identity can *, dynamodb:*, s3:GetObject (+2 more) (inferred from infra/iam.tf:5)']);
    assert.equal(priority.attackPath, 'the internet (Ingress shop routes shop.example.com to Service web at k8s/ingress.yaml:12) → web → Untrusted data in a shell command → identity can *, dynamodb:*, s3:GetObject (+2 more)');
  });
});
