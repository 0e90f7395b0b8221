// The risk model: rule severity adjusted by where the code runs. Without deployment context a
// finding's priority is its severity; the context issue extends `FileContext` and `prioritize`.
import type { Severity } from '../../../rules/api/types';
import { SEVERITY_SCORE, levelForScore, type Priority } from './finding';

/** What Guardline knows about where one file runs (from guardline.yaml or deployment files). */
export interface FileContext {
  service?: string;
}

export function prioritize(severity: Severity, context: FileContext | undefined): Priority {
  const score = SEVERITY_SCORE[severity];
  return { score, level: levelForScore(score), reasons: [], ...(context?.service ? { service: context.service } : {}) };
}
