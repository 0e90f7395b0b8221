// Typed constructors for rules: a rule file is one call to one of these.
import type { AstRule, EngineRule, TextRule } from './types';

/** A rule over the syntax tree of JavaScript and TypeScript files. */
export function defineAstRule<MessageId extends string>(rule: Omit<AstRule<MessageId>, 'kind'>): AstRule<MessageId> {
  return { kind: 'ast', ...rule };
}

/** A rule over the raw text of any file (secrets, configuration files). */
export function defineTextRule<MessageId extends string>(rule: Omit<TextRule<MessageId>, 'kind'>): TextRule<MessageId> {
  return { kind: 'text', ...rule };
}

/** Metadata for a finding the engine reports itself (parse errors, crashed rules, suppressions). */
export function defineEngineRule<MessageId extends string>(rule: Omit<EngineRule<MessageId>, 'kind'>): EngineRule<MessageId> {
  return { kind: 'engine', ...rule };
}
