// defineSecretRule: every secret rule is the same shape (report this family's candidates from the
// shared scan, masked, with a keyed fingerprint and the environment fix), so rule.ts files only
// state their id, title and severity.
import { defineTextRule } from '../define-rule';
import type { Severity, TextRule } from '../types';
import { envFix } from './fix';
import { maskSecret, secretFingerprint } from './mask';
import type { SecretRuleId } from './providers';
import { fileKind, secretsIn } from './scanner';

export interface SecretRuleSpec {
  id: SecretRuleId;
  title: string;
  severity: Severity;
  tags?: string[];
  /** False where the secret is never a whole literal (URL passwords, key blocks): edits are then only suggestions. */
  safeFix?: boolean;
}

export type SecretMessageId = 'hardcodedSecret';

export function defineSecretRule(spec: SecretRuleSpec): TextRule<SecretMessageId> {
  return defineTextRule<SecretMessageId>({
    meta: {
      id: spec.id,
      type: 'problem',
      severity: spec.severity,
      docs: { title: spec.title, cwe: ['CWE-798'], owasp: ['A07:2021-Identification and Authentication Failures'] },
      fixable: spec.safeFix === false ? null : 'safe',
      hasSuggestions: true,
      messages: {
        hardcodedSecret: '{{label}} is hard-coded here ({{masked}}). Anyone who can read this file can use it: rotate it and read it from the environment or a secret manager.',
      },
      sources: [{ name: 'gitleaks', relation: 'inspired' }, { name: 'detect-secrets', relation: 'inspired' }],
      tags: ['secrets', ...(spec.tags ?? [])],
    },
    appliesTo: (path) => fileKind(path) !== 'skip',
    check(context) {
      for (const candidate of secretsIn(context.file, context.file.path, context.file.text)) {
        if (candidate.rule !== spec.id) continue;
        const edits = envFix(context.file, candidate);
        if (spec.safeFix === false && edits.fix) {
          edits.suggestions = [edits.fix, ...(edits.suggestions ?? [])];
          delete edits.fix;
        }
        context.report({
          start: candidate.start,
          end: candidate.end,
          messageId: 'hardcodedSecret',
          data: { label: candidate.label, masked: maskSecret(candidate.secret) },
          fingerprint: secretFingerprint(spec.id, candidate.secret),
          ...(candidate.severity ? { severity: candidate.severity } : {}),
          ...edits,
        });
      }
    },
  });
}
