// Small syntax helpers that many rules share. Pure functions over typescript-estree nodes.
import { AST_NODE_TYPES as NODE_TYPES, type TSESTree } from '@typescript-eslint/types';

/**
 * The node type enum, read once. Through the bundler's CommonJS interop every
 * `AST_NODE_TYPES.X` read on the import runs two getters; a local copy is a plain object, and the
 * engine's hottest loops compare node types millions of times.
 */
export const AST_NODE_TYPES: typeof NODE_TYPES = NODE_TYPES;
export type AST_NODE_TYPES = NODE_TYPES;
export type { TSESTree };

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export function isFunction(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    !!node &&
    (node.type === AST_NODE_TYPES.FunctionDeclaration ||
      node.type === AST_NODE_TYPES.FunctionExpression ||
      node.type === AST_NODE_TYPES.ArrowFunctionExpression)
  );
}

/** Strips wrappers that do not change a value: `x as T`, `x!`, `<T>x`, `x satisfies T`, `a?.b`. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The static name of a member's property (`a.b`, `a['b']`), or undefined when computed. */
export function propertyName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
    if (!node.computed && node.property.type === AST_NODE_TYPES.PrivateIdentifier) return undefined;
    return stringValue(node.property);
  }
  if (node.type === AST_NODE_TYPES.Property || node.type === AST_NODE_TYPES.PropertyDefinition || node.type === AST_NODE_TYPES.MethodDefinition) {
    if (!node.computed && node.key.type === AST_NODE_TYPES.Identifier) return node.key.name;
    return stringValue(node.key);
  }
  return undefined;
}

/** The value of a string literal or a template literal without expressions. */
export function stringValue(node: TSESTree.Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/**
 * The dotted names of a member chain: `a.b.c` gives `['a', 'b', 'c']`, `this.x` gives
 * `['this', 'x']`; undefined when a link is computed from a non-constant.
 */
export function memberChain(node: TSESTree.Node): string[] | undefined {
  const parts: string[] = [];
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = propertyName(current);
    if (name === undefined) return undefined;
    parts.unshift(name);
    current = unwrap(current.object);
  }
  if (current.type === AST_NODE_TYPES.Identifier) parts.unshift(current.name);
  else if (current.type === AST_NODE_TYPES.ThisExpression) parts.unshift('this');
  else return undefined;
  return parts;
}

/** For a call, the called method's name (`x.y.send(...)` gives `send`, `send(...)` gives `send`). */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return propertyName(callee);
  return undefined;
}

/** For a method call `obj.m(...)`, the receiver `obj`. */
export function calleeObject(call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.Node | undefined {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
}

/** The property node named `name` of an object literal (last wins, as at run time). */
export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  let found: TSESTree.Property | undefined;
  for (const prop of object.properties) {
    if (prop.type === AST_NODE_TYPES.Property && propertyName(prop) === name) found = prop;
  }
  return found;
}

/** Whether the node is a literal `true`/`false`/number/string with the given value. */
export function isLiteralValue(node: TSESTree.Node | undefined, value: unknown): boolean {
  return !!node && node.type === AST_NODE_TYPES.Literal && node.value === value;
}

/** The argument at `index` of a call, unless it is missing or a spread (`f(...args)`). */
export function argumentAt(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): TSESTree.Expression | undefined {
  const argument = call.arguments[index];
  return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? argument : undefined;
}

/** The innermost function around `node` (not `node` itself), or undefined at module level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return undefined;
}

/** The name a function is known by: declared, assigned to a variable or property, or a method. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) return propertyName(parent);
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression) {
    const left = unwrap(parent.left);
    return left.type === AST_NODE_TYPES.Identifier ? left.name : left.type === AST_NODE_TYPES.MemberExpression ? propertyName(left) : undefined;
  }
  return undefined;
}

/**
 * The child nodes of `node`, in the order of its keys. Reads every key rather than the visitor
 * keys, so rules need nothing beyond the node types; `parent` is skipped.
 */
export function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'parent') continue;
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const element of child) if (isNode(element)) children.push(element);
    } else if (isNode(child)) {
      children.push(child);
    }
  }
  return children;
}

/** Calls `visit` on `root` and every node below it, with an explicit stack (long functions cannot overflow it). */
export function forEachNode(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    for (const child of childNodes(node)) stack.push(child);
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return !!value && typeof (value as TSESTree.Node).type === 'string';
}
