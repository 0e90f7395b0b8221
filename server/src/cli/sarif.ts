// SARIF 2.1.0 for code-scanning services: rules with help from explain.md and CWE tags, results
// with `rank` from the priority, partial fingerprints that survive line shifts, code flows for
// traced data, and fixes as artifact changes.
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../../rules/api/types';
import { findRule } from '../../../rules';
import { explanationOf, plain } from '../engine/explain';
import type { Finding, Range } from '../engine/finding';
import { VERSION } from '../version';
import type { ScanResult } from './scan';
import { sortByPriority } from './format-text';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub's security-severity scale (0-10) for each scanner severity. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

export function formatSarif(result: ScanResult): string {
  const ruleIds = [...new Set(result.files.flatMap((f) => f.findings.map((x) => x.ruleId)))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => sarifRule(id));
  const results = result.files.flatMap((file) => sortByPriority(file.findings).map((finding) => sarifResult(file.path, finding, ruleIndex.get(finding.ruleId)!)));
  const notifications = [
    ...result.notes.map((note) => ({
      level: 'note',
      message: { text: note.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(note.path), uriBaseId: '%SRCROOT%' } } }],
    })),
    ...result.configProblems.map((problem) => ({
      level: problem.severity === 'error' ? 'error' : 'warning',
      message: { text: problem.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeUri(result.configPath ?? 'guardline.yaml'), uriBaseId: '%SRCROOT%' }, region: { startLine: problem.line + 1 } } }],
    })),
  ];
  const root = pathToFileURL(result.root).href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Guardline',
            fullName: `Guardline ${VERSION} security scanner`,
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: 'https://github.com/guardline/guardline',
            rules,
          },
        },
        // A stable category (no run id): code-scanning services match runs of the same category.
        automationDetails: { id: 'guardline/' },
        originalUriBaseIds: { '%SRCROOT%': { uri: root.endsWith('/') ? root : `${root}/` } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function sarifRule(id: string): Record<string, unknown> {
  const meta = findRule(id)!.rule.meta;
  const explanation = explanationOf(id)!;
  const why = plain(explanation.why.split(/\n\s*\n/)[0] ?? explanation.whyLine).replace(/\s+/g, ' ');
  return {
    id,
    name: id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(''),
    shortDescription: { text: meta.docs.title.endsWith('.') ? meta.docs.title : `${meta.docs.title}.` },
    fullDescription: { text: why || meta.docs.title },
    help: { text: plain(`${explanation.why}\n\nHow to fix:\n${explanation.howToFix}`), markdown: explanation.markdown },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: ['security', ...meta.docs.cwe.map((cwe) => `external/cwe/${cwe.toLowerCase()}`), ...meta.docs.owasp.map((o) => `external/owasp/${o.slice(0, 8).toLowerCase()}`), ...(meta.tags ?? [])],
      'security-severity': SECURITY_SEVERITY[meta.severity],
      precision: meta.type === 'problem' ? 'high' : 'medium',
      'problem.severity': meta.severity === 'critical' || meta.severity === 'high' ? 'error' : meta.severity === 'medium' ? 'warning' : 'recommendation',
      cwe: meta.docs.cwe,
      owasp: meta.docs.owasp,
    },
  };
}

function sarifResult(path: string, finding: Finding, ruleIndex: number): Record<string, unknown> {
  const location = (range: Range, message?: string): Record<string, unknown> => ({
    physicalLocation: { artifactLocation: { uri: encodeUri(path), uriBaseId: '%SRCROOT%' }, region: region(range) },
    ...(message ? { message: { text: message } } : {}),
  });
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.priority.level],
    message: { text: finding.message },
    locations: [location(finding.range)],
    partialFingerprints: { 'guardlineFingerprint/v1': finding.fingerprint },
    rank: finding.priority.score,
    ...(finding.flow
      ? { codeFlows: [{ threadFlows: [{ locations: finding.flow.map((step, i) => ({ location: location(step.range, step.label), executionOrder: i })) }] }] }
      : {}),
    ...(finding.fix
      ? {
          fixes: [
            {
              description: { text: finding.fix.title },
              artifactChanges: [
                {
                  artifactLocation: { uri: encodeUri(path), uriBaseId: '%SRCROOT%' },
                  replacements: finding.fix.edits.map((edit) => ({
                    deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start },
                    insertedContent: { text: edit.text },
                  })),
                },
              ],
            },
          ],
        }
      : {}),
    properties: {
      severity: finding.severity,
      confidence: finding.confidence,
      priority: finding.priority.level,
      ...(finding.priority.reasons.length ? { context: finding.priority.reasons } : {}),
      ...(finding.priority.service ? { service: finding.priority.service } : {}),
      ...(finding.priority.attackPath ? { attackPath: finding.priority.attackPath } : {}),
    },
  };
}

function region(range: Range): Record<string, number> {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** A relative URI reference: each path segment percent-encoded. */
function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
