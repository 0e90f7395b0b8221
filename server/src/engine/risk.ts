// The risk model: a finding's priority is the rule's severity moved up or down by where the code
// runs. Small on purpose, so anyone can predict a rank from the table below:
//
//   base score      critical 90, high 70, medium 50, low 30, info 10
//   exposure        internet +15, partner +5, internal 0, isolated -25
//   no auth         +10 when reachable from outside (internet or partner) and nothing authenticates
//   data            +10 for the most sensitive class among payment-card, health, credentials,
//                   secrets; +7 for pii; public 0 (the highest one counts, not the sum)
//   blast radius    +10 admin (privileged, "*", iam:*, sts:*); +5 a wildcard such as dynamodb:*
//   limits          the adjustments together move a score at most 30 up or 30 down; 0-100
//   level           critical >= 85, high >= 65, medium >= 45, low >= 25, else info
//
// Only vulnerabilities (`problem` rules above info) are moved: hardening advice and the engine's
// own notes (parse-error, analysis-limited...) keep their severity wherever they are.
import type { RuleMeta, Severity } from '../../../rules/api/types';
import { SEVERITY_SCORE, levelForScore, type Priority } from './finding';
import { blastRadius, notableActions } from './context/permissions';
import { EXPOSURE_RANK, type Authentication, type DataClass, type Exposure, type Known, type Origin } from './context/model';

/** What Guardline knows about where one file runs (from guardline.yaml or deployment files). */
export interface FileContext {
  /** The service the file belongs to: a guardline.yaml service, or one inferred from a deployment file. */
  service?: string;
  /** Whether `service` is declared in guardline.yaml or inferred. */
  serviceSource?: 'declared' | 'inferred';
  exposure?: Known<Exposure>;
  authentication?: Known<Authentication>;
  /** Cloud actions the service's identity may call. */
  permissions?: Known<string[]>;
  /** The identity is an administrator (cluster-admin, a privileged container, AdministratorAccess). */
  privileged?: Known<boolean>;
  data?: Known<DataClass[]>;
  /** How traffic gets in, in words: "Ingress shop routes shop.example.com to Service web at k8s/ingress.yaml:12". */
  entryPoint?: string;
}

/** The points of the risk model (see the table at the top of this file). */
export const RISK_POINTS = {
  exposure: { internet: 15, partner: 5, internal: 0, isolated: -25 } satisfies Record<Exposure, number>,
  unauthenticated: 10,
  data: { 'payment-card': 10, health: 10, credentials: 10, secrets: 10, pii: 7, public: 0 } satisfies Record<DataClass, number>,
  blastRadius: { admin: 10, broad: 5, narrow: 0 },
  maxRaise: 30,
  maxLower: 30,
} as const;

/** What the risk model needs to know about the rule behind a finding. */
export type RankedRule = Pick<RuleMeta, 'type'> & { docs?: { title: string } };

/** Most sensitive first: the order data classes are named in. */
const DATA_ORDER: readonly DataClass[] = ['payment-card', 'health', 'credentials', 'secrets', 'pii', 'public'];

export function prioritize(severity: Severity, context: FileContext | undefined, rule?: RankedRule): Priority {
  const base = SEVERITY_SCORE[severity];
  const service = context?.service ? { service: context.service } : {};
  if (!context) return { score: base, level: levelForScore(base), reasons: [] };
  if (severity === 'info' || (rule?.type ?? 'problem') !== 'problem') {
    return { score: base, level: levelForScore(base), reasons: [`not ranked by deployment context (${severity === 'info' ? 'informational' : 'hardening advice'})`], ...service };
  }

  const reasons: string[] = [];
  let points = 0;
  const exposure = context.exposure?.value;
  if (context.exposure) {
    points += RISK_POINTS.exposure[context.exposure.value];
    reasons.push(withOrigin(EXPOSURE_WORDS[context.exposure.value], context.exposure.origin));
  }
  const reachable = exposure !== undefined && EXPOSURE_RANK[exposure] >= EXPOSURE_RANK.partner;
  if (context.authentication) {
    if (context.authentication.value === 'none' && reachable) {
      points += RISK_POINTS.unauthenticated;
      reasons.push(withOrigin('no authentication', context.authentication.origin));
    } else if (context.authentication.value === 'required' && reachable) reasons.push(withOrigin('authentication required', context.authentication.origin));
  }
  const data = sortedData(context.data?.value ?? []);
  if (context.data && data.length) {
    points += Math.max(...data.map((d) => RISK_POINTS.data[d]));
    const sensitive = data.filter((d) => d !== 'public');
    reasons.push(withOrigin(sensitive.length ? `reads ${sensitive.join(', ')} data` : 'only public data', context.data.origin));
  }
  const actions = context.permissions?.value ?? [];
  const privileged = context.privileged?.value === true;
  const radius = blastRadius(actions, privileged);
  points += RISK_POINTS.blastRadius[radius];
  if (privileged) reasons.push(withOrigin('privileged identity', context.privileged!.origin));
  if (actions.length && context.permissions) reasons.push(withOrigin(`identity can ${listActions(actions)}`, context.permissions.origin));

  const adjustment = Math.max(-RISK_POINTS.maxLower, Math.min(RISK_POINTS.maxRaise, points));
  const score = Math.max(0, Math.min(100, base + adjustment));
  const attackPath = attackPathOf(context, rule?.docs?.title);
  return { score, level: levelForScore(score), reasons, ...service, ...(attackPath ? { attackPath } : {}) };
}

const EXPOSURE_WORDS: Record<Exposure, string> = {
  internet: 'internet-facing',
  partner: 'reachable by partners',
  internal: 'internal network only',
  isolated: 'isolated (no network entry)',
};

const ENTRY_WORDS: Record<Exposure, string> = {
  internet: 'the internet',
  partner: 'partner networks',
  internal: 'the internal network',
  isolated: 'no network entry (isolated)',
};

/**
 * The attack path in words: entry point → service → weakness → what an attacker reaches.
 * "the internet (Ingress shop routes pay.example.com to Service payments at k8s/ingress.yaml:17; no
 * authentication) → payments → Untrusted data in a shell command → payment-card, pii data; identity
 * can dynamodb:*"
 */
function attackPathOf(context: FileContext, weakness: string | undefined): string | undefined {
  const actions = context.permissions?.value ?? [];
  const data = sortedData(context.data?.value ?? []).filter((d) => d !== 'public');
  const privileged = context.privileged?.value === true;
  if (!context.exposure && !data.length && !actions.length && !privileged) return undefined;
  const exposure = context.exposure?.value;
  const details: string[] = [];
  if (context.entryPoint && exposure !== 'isolated') details.push(context.entryPoint);
  if (context.authentication?.value === 'none' && exposure && EXPOSURE_RANK[exposure] >= EXPOSURE_RANK.partner) details.push('no authentication');
  const entry = `${exposure ? ENTRY_WORDS[exposure] : 'an unknown entry point'}${details.length ? ` (${details.join('; ')})` : ''}`;
  const reach: string[] = [];
  if (data.length) reach.push(`${data.join(', ')} data`);
  if (privileged) reach.push('administrator rights of its identity');
  if (actions.length) reach.push(`identity can ${listActions(actions)}`);
  const target = reach.length ? reach.join('; ') : 'the service process itself';
  return [entry, context.service ?? 'this code', weakness ?? 'this weakness', target].join(' → ');
}

function sortedData(data: readonly DataClass[]): DataClass[] {
  return [...new Set(data)].sort((a, b) => DATA_ORDER.indexOf(a) - DATA_ORDER.indexOf(b));
}

function listActions(actions: readonly string[]): string {
  const notable = notableActions(actions);
  const shown = notable.slice(0, 3).join(', ');
  return notable.length > 3 ? `${shown} (+${notable.length - 3} more)` : shown;
}

/** Declared context speaks for itself; inferred context says where it was seen. */
function withOrigin(words: string, origin: Origin): string {
  return origin.source === 'inferred' ? `${words} (inferred from ${origin.file}:${origin.line + 1})` : words;
}
