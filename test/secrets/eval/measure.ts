// Precision and recall of the secret rules on the realistic samples in samples.ts.
// Run: npx tsx test/secrets/eval/measure.ts  (prints a table and the misses/false positives)
import { REGISTRY } from '../../../rules';
import { analyze } from '../../../server/src/engine/engine';
import { FAKE_SECRETS } from '../../harness/fake-secrets';
import { NOT_SECRET, SAMPLES, type Sample } from './samples';
import { MORE_SAMPLES } from './samples-more';

export interface Quality {
  secrets: number;
  found: number;
  falsePositives: number;
  precision: number;
  recall: number;
  misses: string[];
  noise: string[];
}

export function measure(samples: Sample[] = [...SAMPLES, ...MORE_SAMPLES]): Quality {
  const rules = REGISTRY.filter((r) => r.folder.startsWith('secrets/')).map((r) => r.rule);
  let secrets = 0;
  let found = 0;
  let falsePositives = 0;
  let truePositives = 0;
  const misses: string[] = [];
  const noise: string[] = [];
  for (const sample of samples) {
    const planted: Array<{ name: string; start: number; end: number; secret: boolean }> = [];
    let text = '';
    let last = 0;
    const values = new Map<string, string>();
    // {{fake:x}} plants a secret; {{decoy:x}} plants the same shape where it is not one (marked fake, say).
    for (const m of sample.text.matchAll(/\{\{(fake|decoy):([\w.-]+)\}\}/g)) {
      text += sample.text.slice(last, m.index);
      const name = m[2]!;
      const generator = name.replace(/\.\d+$/, '');
      const value = values.get(name) ?? FAKE_SECRETS[generator]!(`eval:${sample.path}:${name}`);
      values.set(name, value);
      const inJson = sample.path.endsWith('.json') || sample.path.endsWith('.ipynb');
      const written = inJson ? value.replace(/\n/g, '\\n') : value;
      planted.push({ name, start: text.length, end: text.length + written.length, secret: m[1] === 'fake' && !NOT_SECRET.has(generator) });
      text += written;
      last = m.index! + m[0].length;
    }
    text += sample.text.slice(last);
    const findings = analyze({ path: sample.path, text }, { rules });
    const hitSecrets = new Set<number>();
    for (const f of findings) {
      const index = planted.findIndex((p) => p.secret && f.start < p.end && p.start < f.end);
      if (index >= 0) {
        truePositives++;
        hitSecrets.add(index);
      } else {
        falsePositives++;
        const line = text.split('\n')[f.range.start.line] ?? '';
        noise.push(`${sample.path}:${f.range.start.line + 1} ${f.ruleId}: ${line.trim().slice(0, 100)}`);
      }
    }
    planted.forEach((p, i) => {
      if (!p.secret) return;
      secrets++;
      if (hitSecrets.has(i)) found++;
      else misses.push(`${sample.path}: ${p.name}`);
    });
  }
  return { secrets, found, falsePositives, precision: truePositives / Math.max(1, truePositives + falsePositives), recall: found / Math.max(1, secrets), misses, noise };
}

if (require.main === module) {
  for (const [name, samples] of [['tuned-on (samples.ts)', SAMPLES], ['written after tuning (samples-more.ts)', MORE_SAMPLES], ['all', [...SAMPLES, ...MORE_SAMPLES]]] as const) {
    const r = measure([...samples]);
    console.log(`${name}: ${samples.length} files, ${r.secrets} secrets: recall ${r.recall.toFixed(3)}, precision ${r.precision.toFixed(3)}`);
  }
  const q = measure();
  console.log(`recall ${q.recall.toFixed(3)} (${q.found}/${q.secrets}), precision ${q.precision.toFixed(3)} (${q.falsePositives} false positives)`);
  if (q.misses.length) console.log(`missed:\n  ${q.misses.join('\n  ')}`);
  if (q.noise.length) console.log(`false positives:\n  ${q.noise.join('\n  ')}`);
}
