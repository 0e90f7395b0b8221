// Fake credentials built at run time from the providers' token formats, so that no real-looking
// secret is ever committed. Fixtures and explain.md examples write `{{fake:<name>}}`; the harness
// replaces each placeholder before analysis.
type Generator = () => string;

export const FAKE_SECRETS: Record<string, Generator> = {};

/** Replaces every `{{fake:<name>}}` with a freshly built fake; the same name gives the same value in one text. */
export function materialise(text: string): string {
  const made = new Map<string, string>();
  return text.replace(/\{\{fake:([\w.-]+)\}\}/g, (_whole, name: string) => {
    let value = made.get(name);
    if (value === undefined) {
      const generate = FAKE_SECRETS[name.replace(/\.\d+$/, '')];
      if (!generate) throw new Error(`no fake secret generator named "${name}"`);
      value = generate();
      made.set(name, value);
    }
    return value;
  });
}
