// One walk over the tree for every rule: listeners are filed by node type once (ESLint's
// traverser, Biome's per-kind arrays), so each node only meets the listeners that asked for it.
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TSESTree } from '@typescript-eslint/types';

type NodeListener = (node: TSESTree.Node) => void;

interface Entry {
  owner: number;
  fn: NodeListener;
}

export class Dispatcher {
  private readonly enter = new Map<string, Entry[]>();
  private readonly exit = new Map<string, Entry[]>();

  /** Files `listeners` (keys `Type` or `Type:exit`) under `owner`, an index the caller chooses. */
  add(owner: number, listeners: Record<string, NodeListener | undefined>): void {
    for (const [key, fn] of Object.entries(listeners)) {
      if (!fn) continue;
      const isExit = key.endsWith(':exit');
      const type = isExit ? key.slice(0, -5) : key;
      const table = isExit ? this.exit : this.enter;
      let list = table.get(type);
      if (!list) table.set(type, (list = []));
      list.push({ owner, fn });
    }
  }

  /** Drops every listener of `owner` (a rule that threw stops running on this file). */
  remove(owner: number): void {
    for (const table of [this.enter, this.exit]) {
      for (const [type, list] of table) {
        const kept = list.filter((entry) => entry.owner !== owner);
        if (kept.length) table.set(type, kept);
        else table.delete(type);
      }
    }
  }

  /**
   * Walks `root` depth first, setting `parent` on every node, and calls the listeners. A listener
   * that throws is reported through `onError` and removed; the walk goes on.
   */
  walk(root: TSESTree.Program, onError: (owner: number, error: unknown, node: TSESTree.Node) => void): void {
    // An explicit stack, so deeply nested code cannot overflow the call stack. A node whose type
    // has exit listeners is pushed a second time under the EXIT marker, below its children, so
    // leaving a node allocates nothing and types nobody exits from cost nothing on the way out.
    const stack: Array<TSESTree.Node | typeof EXIT> = [root];
    const plans = new Map<string, TypePlan>();
    while (stack.length) {
      const item = stack.pop()!;
      if (item === EXIT) {
        const node = stack.pop() as TSESTree.Node;
        this.call(this.exit.get(node.type), node, onError);
        continue;
      }
      const node = item;
      let plan = plans.get(node.type);
      if (!plan) plans.set(node.type, (plan = { keys: visitorKeys[node.type] ?? [], exits: this.exit.has(node.type) }));
      const enter = this.enter.get(node.type);
      if (enter) this.call(enter, node, onError);
      if (plan.exits) stack.push(node, EXIT);
      const keys = plan.keys;
      for (let k = keys.length - 1; k >= 0; k--) {
        const child = (node as unknown as Record<string, unknown>)[keys[k]!];
        if (Array.isArray(child)) {
          for (let i = child.length - 1; i >= 0; i--) {
            const element = child[i] as TSESTree.Node | null;
            if (element && typeof element.type === 'string') {
              (element as { parent?: TSESTree.Node }).parent = node;
              stack.push(element);
            }
          }
        } else if (child && typeof (child as TSESTree.Node).type === 'string') {
          (child as { parent?: TSESTree.Node }).parent = node;
          stack.push(child as TSESTree.Node);
        }
      }
    }
  }

  private call(
    entries: Entry[] | undefined,
    node: TSESTree.Node,
    onError: (owner: number, error: unknown, node: TSESTree.Node) => void,
  ): void {
    if (!entries) return;
    for (const entry of entries) {
      try {
        entry.fn(node);
      } catch (error) {
        this.remove(entry.owner);
        onError(entry.owner, error, node);
      }
    }
  }
}

/** Marks "leave the node below me" on the walk's stack. */
const EXIT: unique symbol = Symbol('exit');

/** What the walk needs per node type, looked up once per type and walk. */
interface TypePlan {
  keys: readonly string[];
  /** Whether any listener wants to leave nodes of this type. */
  exits: boolean;
}
