// The rule registry: every rule with its folder and explanation, sorted by id.
import type { Rule } from './api/types';
import { GENERATED_RULES } from './index.generated';

export interface RegisteredRule {
  rule: Rule;
  /** Folder below rules/, e.g. `js/no-command-injection`. */
  folder: string;
  /** The rule's explain.md. */
  explain: string;
}

export const REGISTRY: readonly RegisteredRule[] = GENERATED_RULES;

const BY_ID = new Map(REGISTRY.map((entry) => [entry.rule.meta.id, entry]));

export function findRule(id: string): RegisteredRule | undefined {
  return BY_ID.get(id);
}

/** Every rule that runs on files (AST and text rules; not the engine's own findings). */
export function runnableRules(): Rule[] {
  return REGISTRY.map((entry) => entry.rule).filter((rule) => rule.kind !== 'engine');
}
