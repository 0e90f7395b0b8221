// A rule's explanation, split for each place it is shown: the one-line "why" under a CLI finding,
// the hover, SARIF's help text, and the full "Why this matters" panel.
import { findRule } from '../../../rules';

export interface RuleExplanation {
  id: string;
  title: string;
  /** The first sentence of "Why this matters". */
  whyLine: string;
  /** The whole "Why this matters" section. */
  why: string;
  howToFix: string;
  references: string;
  /** The full explain.md. */
  markdown: string;
}

const cache = new Map<string, RuleExplanation | undefined>();

export function explanationOf(ruleId: string): RuleExplanation | undefined {
  if (cache.has(ruleId)) return cache.get(ruleId);
  const entry = findRule(ruleId);
  const result = entry ? split(ruleId, entry.rule.meta.docs.title, entry.explain) : undefined;
  cache.set(ruleId, result);
  return result;
}

function split(id: string, title: string, markdown: string): RuleExplanation {
  const sections = new Map<string, string>();
  let current: string | undefined;
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (line.startsWith('```')) inFence = !inFence;
    const heading = !inFence && /^## (.+)$/.exec(line);
    if (heading) {
      current = heading[1]!.trim();
      sections.set(current, '');
    } else if (current) {
      sections.set(current, `${sections.get(current)}${line}\n`);
    }
  }
  const why = (sections.get('Why this matters') ?? '').trim();
  const firstParagraph = why.split(/\n\s*\n/)[0]?.replace(/\s+/g, ' ').trim() ?? '';
  const sentence = /^(.+?[.!?])(\s|$)/.exec(firstParagraph)?.[1] ?? firstParagraph;
  return {
    id,
    title,
    whyLine: plain(sentence),
    why,
    howToFix: (sections.get('How to fix') ?? '').trim(),
    references: (sections.get('References') ?? '').trim(),
    markdown,
  };
}

/** Markdown inline code and links to plain text, for terminals and SARIF text. */
export function plain(markdown: string): string {
  return markdown.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/`([^`]+)`/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1');
}
