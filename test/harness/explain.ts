// Reads a rule's explain.md: its sections and its fenced examples (```js invalid / ```js valid).
export interface Example {
  lang: string;
  kind: 'invalid' | 'valid';
  code: string;
  /** File path the example is analysed as; from `path=...` in the fence, else by language. */
  path: string;
  /** 0-based line of the fence in explain.md, for messages. */
  line: number;
}

export interface Explanation {
  title: string;
  sections: Map<string, string>;
  examples: Example[];
}

const EXTENSIONS: Record<string, string> = {
  js: 'js', javascript: 'js', jsx: 'jsx', ts: 'ts', typescript: 'ts', tsx: 'tsx', mjs: 'mjs', cjs: 'cjs',
  html: 'html', vue: 'vue', svelte: 'svelte', json: 'json', yaml: 'yaml', yml: 'yml', toml: 'toml',
  ini: 'ini', properties: 'properties', sh: 'sh', bash: 'sh', shell: 'sh', tf: 'tf', hcl: 'tf',
  py: 'py', python: 'py', go: 'go', java: 'java', rb: 'rb', php: 'php', cs: 'cs', xml: 'xml',
  text: 'txt', txt: 'txt', md: 'md', markdown: 'md',
};

export function parseExplanation(markdown: string): Explanation {
  const lines = markdown.split(/\r?\n/);
  const sections = new Map<string, string>();
  const examples: Example[] = [];
  let title = '';
  let section: string | undefined;
  let body: string[] = [];
  const flush = (): void => {
    if (section) sections.set(section, body.join('\n').trim());
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^```(\S+)?(.*)$/.exec(line);
    if (fence) {
      const info = `${fence[1] ?? ''} ${fence[2] ?? ''}`.trim().split(/\s+/);
      const code: string[] = [];
      let j = i + 1;
      while (j < lines.length && !lines[j]!.startsWith('```')) code.push(lines[j++]!);
      const kind = info.find((w) => w === 'invalid' || w === 'valid') as Example['kind'] | undefined;
      if (kind) {
        const lang = (info[0] ?? 'text').toLowerCase();
        const pathWord = info.find((w) => w.startsWith('path='));
        const path = pathWord ? pathWord.slice(5) : `example.${EXTENSIONS[lang] ?? lang}`;
        examples.push({ lang, kind, code: code.join('\n') + '\n', path, line: i });
      }
      body.push(line, ...code, lines[j] ?? '');
      i = j;
      continue;
    }
    if (line.startsWith('# ') && !title) {
      title = line.slice(2).trim();
      continue;
    }
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      flush();
      section = heading[1]!.trim();
      body = [];
      continue;
    }
    body.push(line);
  }
  flush();
  return { title, sections, examples };
}

export const REQUIRED_SECTIONS = ['Why this matters', 'How to fix', 'References'];
