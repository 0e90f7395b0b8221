// A small duration and text utility library: its exported functions receive whatever callers pass.

// ms-style duration parser: (?:\d+)? and \d+ share digits, so a long run of digits followed by
// a character that does not fit makes the engine try every split.
// ruleid: no-redos
const DURATION = /^((?:\d+)?\.?\d+) *(ms|s|m|h|d)?$/i;

const UNITS = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 };

function parse(str) {
  const match = DURATION.exec(str);
  if (!match) return undefined;
  return parseFloat(match[1]) * UNITS[(match[2] || 'ms').toLowerCase()];
}

function parseSafely(str) {
  // ok: no-redos
  const match = /^(\d+(?:\.\d+)?) *(ms|s|m|h|d)?$/i.exec(str);
  return match ? parseFloat(match[1]) : undefined;
}

function trim(str) {
  // ruleid: no-redos
  return str.replace(/^\s*|\s*$/g, '');
}

function trimSafely(str) {
  // ok: no-redos
  return str.replace(/^\s+/, '').trimEnd();
}

function limited(str) {
  // ok: no-redos
  return str.slice(0, 100).replace(/\s+$/, '');
}

// Markdown emphasis: `__` and [\s\S] both match underscores, and the group repeats.
// ruleid: no-redos
const EMPHASIS = /^\b_((?:__|[\s\S])+?)_\b/;

function emphasis(src) {
  return EMPHASIS.exec(src);
}

module.exports = { parse, parseSafely, trim, trimSafely, limited, emphasis };
