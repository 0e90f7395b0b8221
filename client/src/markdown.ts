// A small Markdown-to-HTML renderer for rule explanations (explain.md): headings, paragraphs,
// lists, fenced code, inline code, bold, italics and links. Everything is escaped first, and only
// http(s) links become anchors, so the "Why this matters" panel never renders markup from a file.
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Labels for explain.md's test-tagged fences (`js invalid`, `ts valid`). */
const FENCE_LABELS: Record<string, string> = { invalid: 'Vulnerable', valid: 'Safe' };

export function renderMarkdown(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  const flushParagraph = (): void => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
  };
  const flushList = (): void => {
    if (list) out.push(`<${list.ordered ? 'ol' : 'ul'}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.ordered ? 'ol' : 'ul'}>`);
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^(`{3,})\s*([\w-]*)(.*)$/.exec(line);
    if (fence) {
      flushParagraph();
      flushList();
      const code: string[] = [];
      let j = i + 1;
      while (j < lines.length && !lines[j]!.startsWith(fence[1]!)) code.push(lines[j++]!);
      i = j;
      const tag = fence[3]!.trim().split(/\s+/)[0] ?? '';
      const label = FENCE_LABELS[tag];
      const language = fence[2] ? ` data-lang="${escapeHtml(fence[2])}"` : '';
      out.push(`${label ? `<div class="example-label ${tag}">${label}</div>` : ''}<pre${language}><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      const level = heading[1]!.length;
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`);
      continue;
    }
    const item = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/.exec(line);
    if (item) {
      flushParagraph();
      const ordered = item[2] !== undefined;
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push(item[3]!);
      continue;
    }
    if (line.trim() === '') {
      flushParagraph();
      flushList();
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flushParagraph();
  flushList();
  return out.join('\n');
}

/** Inline Markdown on escaped text: code spans first, so their content stays literal. */
export function inline(text: string): string {
  const parts = text.split(/(`+[^`]*`+)/);
  return parts
    .map((part, index) => {
      if (index % 2 === 1) return `<code>${escapeHtml(part.replace(/^`+|`+$/g, ''))}</code>`;
      let html = escapeHtml(part);
      html = html.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_whole, label: string, href: string) =>
        /^https?:\/\//i.test(href) ? `<a href="${href}">${label}</a>` : label,
      );
      html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
      html = html.replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>');
      html = html.replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>');
      return html;
    })
    .join('');
}
