// The vulnerable and safe examples of a rule's explain.md (fences tagged `<lang> invalid` and
// `<lang> valid`), for hovers.
export interface RuleExample {
  language: string;
  code: string;
}

export function examplesOf(markdown: string): { vulnerable?: RuleExample; safe?: RuleExample } {
  const result: { vulnerable?: RuleExample; safe?: RuleExample } = {};
  const fence = /^```(\w+)[ \t]+(invalid|valid)\b[^\n]*\n([\s\S]*?)^```/gm;
  for (const match of markdown.matchAll(fence)) {
    const example = { language: match[1]!, code: match[3]!.replace(/\s+$/, '') };
    if (match[2] === 'invalid') result.vulnerable ??= example;
    else result.safe ??= example;
  }
  return result;
}
