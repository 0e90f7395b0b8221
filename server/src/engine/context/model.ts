// The vocabulary of deployment context: exposure levels, data classes, and the evidence that
// deployment files give about a piece of code (what exposes it, who it runs as), with its origin.

export const EXPOSURES = ['internet', 'partner', 'internal', 'isolated'] as const;
export type Exposure = (typeof EXPOSURES)[number];

export const AUTHENTICATIONS = ['none', 'required'] as const;
export type Authentication = (typeof AUTHENTICATIONS)[number];

export const DATA_CLASSES = ['pii', 'payment-card', 'credentials', 'health', 'secrets', 'public'] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

/** How far each exposure reaches: a higher rank is reachable by more people. */
export const EXPOSURE_RANK: Record<Exposure, number> = { isolated: 0, internal: 1, partner: 2, internet: 3 };

/** Where a piece of context comes from: guardline.yaml, or a deployment file it was inferred from. */
export interface Origin {
  source: 'declared' | 'inferred';
  /** Root-relative, `/`-separated. */
  file: string;
  /** 0-based. */
  line: number;
  /** What was seen there, in words: "Ingress shop routes shop.example.com to Service web". */
  detail?: string;
}

/** A value together with where it came from. */
export interface Known<T> {
  value: T;
  origin: Origin;
}

/** One thing a deployment file says about the code it runs. */
export type Evidence =
  | { kind: 'exposure'; exposure: Exposure; authentication?: Authentication; origin: Origin & { source: 'inferred' } }
  | { kind: 'permissions'; permissions: string[]; origin: Origin & { source: 'inferred' } }
  | { kind: 'privileged'; origin: Origin & { source: 'inferred' } }
  /** Listens on a port (Dockerfile EXPOSE): a network entry point, reach unknown. */
  | { kind: 'listens'; port: string; origin: Origin & { source: 'inferred' } };

/**
 * Something a deployment file runs (a Kubernetes Deployment, a compose service, a Lambda
 * function), joined to the code it is built from.
 */
export interface DeploymentUnit {
  /** "Deployment payments", "compose service api", "Lambda function export". */
  name: string;
  /** Short name used as the service name when guardline.yaml declares none: "payments". */
  shortName: string;
  /** Root-relative folders or files the unit's code is built from. */
  codePaths: string[];
  /** Container images it runs, joined to code through Dockerfiles, compose and skaffold. */
  images?: string[];
  evidence: Evidence[];
  /** Where the unit is defined. */
  origin: Origin & { source: 'inferred' };
}

/** A problem found while reading context, reported on the file it is in. */
export interface ContextProblem {
  /** Root-relative, `/`-separated. */
  file: string;
  /** 0-based. */
  line: number;
  /** 0-based UTF-16 column where the problem starts, when known. */
  character?: number;
  /** 0-based end of the problem's range, when known. */
  endLine?: number;
  endCharacter?: number;
  message: string;
  severity: 'error' | 'warning';
  /**
   * What kind of problem: `config` (guardline.yaml is wrong), `drift` (guardline.yaml and the
   * deployment files disagree), `deployment-file` (a deployment file could not be read),
   * `fallback` (the context in use is not the file as written).
   */
  code: 'config' | 'drift' | 'deployment-file' | 'fallback';
}

export function inferred(file: string, line: number, detail: string): Origin & { source: 'inferred' } {
  return { source: 'inferred', file, line, detail };
}

/** "k8s/ingress.yaml:12" (1-based, as people read it). */
export function where(origin: Origin): string {
  return `${origin.file}:${origin.line + 1}`;
}
