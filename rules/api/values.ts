// Reading values a rule needs through the data-flow API: a property path through local object
// literals, and whether an object literal spreads in something Guardline cannot see.
import { AST_NODE_TYPES, propertyName, unwrap, type TSESTree } from './ast';
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
