// `guardline scan` with deployment context, run as users run it: findings ranked by context with
// the reason printed, drift and config problems on guardline.yaml, SARIF rank and context
// properties, and exit code 2 for a broken guardline.yaml (whose problems it prints).
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../harness/cli';

const MONOREPO = join(ROOT, 'test/fixtures/context/monorepo');

interface JsonFinding {
  path: string;
  ruleId: string;
  severity: string;
  priority: { score: number; level: string; reasons: string[]; service?: string; attackPath?: string };
}

describe('guardline scan with deployment context', function () {
  this.timeout(180_000);

  it('ranks the monorepo by context and prints the reason under each finding', () => {
    const result = runCli(['scan', MONOREPO]);
    assert.equal(result.code, 1, result.stderr);
    const out = result.stdout;
    assert.match(out, /^guardline\.yaml:16: warning: service "catalog" is declared internal, but k8s\/catalog\.yaml:25 exposes it to the internet/m);
    assert.match(out, /^guardline\.yaml:23: warning: the declared permissions of service "reports" leave out s3:GetObject/m);
    const payments = out.indexOf('services/payments/src/server.js');
    const reports = out.indexOf('services/reports/src/job.js');
    assert.ok(payments !== -1 && reports !== -1 && payments < reports, 'the medium injection of the exposed service comes first');
    assert.match(out, /high\s+no-regex-injection[^\n]*\n[^\n]*why:[^\n]*\n\s+context: internet-facing, no authentication, reads payment-card, pii data, identity can dynamodb:\*, kms:Decrypt \(inferred from terraform\/iam\.tf:11\)/);
    assert.match(out, /high\s+no-command-injection[^\n]*\n[^\n]*why:[^\n]*\n\s+context: isolated \(no network entry\), identity can s3:PutObject/);
  });

  it('puts the priority in SARIF rank and the context in result properties', () => {
    const result = runCli(['scan', MONOREPO, '--format', 'sarif', '--fail-on', 'none']);
    assert.equal(result.code, 0, result.stderr);
    const sarif = JSON.parse(result.stdout) as { runs: Array<{ results: Array<{ ruleId: string; rank: number; level: string; properties: Record<string, unknown> }>; invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }> }> };
    const [run] = sarif.runs;
    const regex = run!.results.find((r) => r.ruleId === 'no-regex-injection')!;
    const command = run!.results.find((r) => r.ruleId === 'no-command-injection')!;
    assert.equal(regex.rank, 80);
    assert.equal(command.rank, 65);
    assert.equal(regex.level, 'error');
    assert.deepEqual(regex.properties.context, ['internet-facing', 'no authentication', 'reads payment-card, pii data', 'identity can dynamodb:*, kms:Decrypt (inferred from terraform/iam.tf:11)']);
    assert.equal(regex.properties.service, 'payments');
    assert.match(String(regex.properties.attackPath), /^the internet \(Ingress shop routes pay\.acme\.example to Service payments at k8s\/ingress\.yaml:17; no authentication\) → payments → /);
    assert.ok(run!.invocations[0]!.toolExecutionNotifications.some((n) => /declared internal, but k8s\/catalog\.yaml:25/.test(n.message.text)));
  });

  it('exits 2 on a broken guardline.yaml, prints its problems, and still ranks what it can', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guardline-context-cli-'));
    try {
      cpSync(MONOREPO, dir, { recursive: true });
      writeFileSync(join(dir, 'guardline.yaml'), 'services:\n  payments:\n    paths: ["services/payments/**"]\n    exposure: public\n    data: [pii]\n');
      const result = runCli(['scan', dir]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stdout, /^guardline\.yaml:4: error: exposure must be one of internet, partner, internal, isolated, not "public"\. Did you mean "internet"\?/m);
      assert.match(result.stdout, /^guardline\.yaml:1: warning: guardline\.yaml has errors; until they are fixed, Guardline ranks findings with the parts it could read and with context inferred from deployment files/m);
      assert.match(result.stdout, /context: internet-facing \(inferred from k8s\/ingress\.yaml:17\), reads pii data/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every finding of the demo app in examples/ its reason', () => {
    const result = runCli(['scan', 'examples', '--format', 'json', '--fail-on', 'none']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as { findings: JsonFinding[]; configProblems: unknown[] };
    assert.ok(report.findings.length > 0);
    for (const finding of report.findings) assert.ok(finding.priority.reasons.length > 0, `${finding.path} ${finding.ruleId} has no reason`);
    const scores = report.findings.map((f) => f.priority.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'sorted by priority');
  });
});
