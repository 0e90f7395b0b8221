// Helpers for reporting a traced flow: the source, each hop, and the sink.
import type { TSESTree } from '@typescript-eslint/types';
import type { Taint } from './dataflow';
import type { FlowStep } from './types';

/** The taint's steps followed by the sink itself. */
export function flowSteps(taint: Taint, sink: TSESTree.Node, sinkLabel: string): FlowStep[] {
  return [...taint.steps, { start: sink.range[0], end: sink.range[1], label: sinkLabel }];
}
