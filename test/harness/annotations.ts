// Semgrep-style annotated cases: `// ruleid: <id>` marks the next code line as a finding of <id>,
// `// ok: <id>` as a place the rule must stay quiet; `todoruleid`/`todook` record known gaps.
// Any comment opener works (// # <!-- /* -- ;), so the same format serves every file type.

export interface Expectation {
  kind: 'ruleid' | 'ok' | 'todoruleid' | 'todook';
  ruleIds: string[];
  /** 0-based line the annotation is about. */
  line: number;
}

const ANNOTATION = /(?:\/\/|#|<!--|\/\*|--|;|\{\/\*)\s*(todoruleid|todook|ruleid|ok)\s*:\s*([\w-]+(?:\s*,\s*[\w-]+)*)/;

export function parseAnnotations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const found: Expectation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = ANNOTATION.exec(lines[i]!);
    if (!match) continue;
    let target = i + 1;
    while (target < lines.length && (lines[target]!.trim() === '' || ANNOTATION.test(lines[target]!))) target++;
    found.push({
      kind: match[1] as Expectation['kind'],
      ruleIds: match[2]!.split(/\s*,\s*/),
      line: target,
    });
  }
  return found;
}
