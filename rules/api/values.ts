// Reading values a rule needs through the data-flow API: a property path through local object
// literals, whether an object literal spreads in something Guardline cannot see, and which local
// function a call runs.
import { AST_NODE_TYPES, isFunction, propertyName, unwrap, type FunctionNode, type TSESTree } from './ast';
import type { Dataflow } from './dataflow';

/** How many `a.b.c` links or nested spreads are followed before giving up. */
const MAX_DEPTH = 5;

/** `config.jwt.secret` with `const config = { jwt: { secret: ... } }` in this file: the value node. */
export function memberValue(dataflow: Dataflow, node: TSESTree.MemberExpression, depth = 0): TSESTree.Node | undefined {
  const name = propertyName(node);
  if (name === undefined || depth >= MAX_DEPTH) return undefined;
  const object = unwrap(node.object);
  const base = object.type === AST_NODE_TYPES.MemberExpression ? memberValue(dataflow, object, depth + 1) : object;
  return base ? dataflow.property(base, name) : undefined;
}

/**
 * Whether an object literal spreads in (`{ ...defaults }`) an object that is not a literal in this
 * file. Spreads nested deeper than a few levels, or one that names the object itself, count as unknown.
 */
export function hasUnknownSpread(dataflow: Dataflow, object: TSESTree.ObjectExpression, depth = 0): boolean {
  return object.properties.some((p) => {
    if (p.type !== AST_NODE_TYPES.SpreadElement) return false;
    const inner = dataflow.objectLiteral(p.argument);
    return !inner || depth >= MAX_DEPTH || hasUnknownSpread(dataflow, inner, depth + 1);
  });
}

/**
 * The functions of this file among the calls a rule collected: which function a call runs, and
 * every collected call of a function (indexed on first use, so build it once the calls are in).
 */
export class LocalCalls {
  private callSites: Map<FunctionNode, TSESTree.CallExpression[]> | undefined;

  constructor(
    private readonly dataflow: Dataflow,
    private readonly calls: readonly TSESTree.CallExpression[],
  ) {}

  /** The function a call runs when it is written in this file: `helper(x)`, or `utils.helper(x)` with a local `utils`. */
  callee(call: TSESTree.CallExpression): FunctionNode | undefined {
    const callee = unwrap(call.callee);
    let target: TSESTree.Node | undefined;
    if (callee.type === AST_NODE_TYPES.Identifier) target = this.dataflow.definition(callee);
    else if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(callee);
      target = name ? this.dataflow.property(callee.object, name) : undefined;
    }
    const fn = target && unwrap(target);
    return fn && isFunction(fn) ? fn : undefined;
  }

  /** The collected calls that run `fn`, in source order. */
  callsOf(fn: FunctionNode): readonly TSESTree.CallExpression[] {
    if (!this.callSites) {
      this.callSites = new Map();
      for (const call of this.calls) {
        const target = this.callee(call);
        if (!target) continue;
        const list = this.callSites.get(target) ?? [];
        list.push(call);
        this.callSites.set(target, list);
      }
    }
    return this.callSites.get(fn) ?? [];
  }
}
