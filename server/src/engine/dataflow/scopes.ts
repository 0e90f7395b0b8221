// The module index the data-flow queries run on: scopes, bindings and every definition of each
// binding, local functions and their call sites, route handlers and exported functions. It is
// filled by listeners that run first in the engine's single walk, then finalised once.
import type { TSESTree } from '@typescript-eslint/types';
import { AST_NODE_TYPES, isFunction, memberChain, propertyName, stringValue, unwrap, type FunctionNode } from '../../../../rules/api/ast';
import { MUTATING_METHODS } from './catalog';

/** A step from a value to the part of it a binding receives in destructuring. */
export type PathElem = { prop: string } | { index: number } | { rest: true } | { computed: true };

export interface Def {
  /** The declarator, assignment, parameter or loop the definition comes from. */
  node: TSESTree.Node;
  /** The expression whose value (at `path`) the binding receives. */
  value?: TSESTree.Node;
  path: PathElem[];
  /** `=`, a compound `+=`, the element of a `for..of`, the key of a `for..in`, or another compound op. */
  op: '=' | '+=' | 'for-of' | 'for-in' | 'numeric';
  /** Offset where the definition takes effect, for ordering against uses. */
  at: number;
  /** Default value from a destructuring default or parameter default. */
  fallback?: TSESTree.Node;
}

export interface MemberWrite {
  /** Property path below the binding: `opts.a.b = v` gives `['a', 'b']`; undefined link = computed. */
  path: Array<string | undefined>;
  value: TSESTree.Node;
  node: TSESTree.AssignmentExpression | TSESTree.CallExpression;
}

export type BindingKind = 'var' | 'let' | 'const' | 'param' | 'function' | 'class' | 'import' | 'catch';

export interface Binding {
  name: string;
  kind: BindingKind;
  id: TSESTree.Identifier;
  scope: Scope;
  defs: Def[];
  memberWrites: MemberWrite[];
  /** For a parameter: which function, which position, and where in a destructured parameter. */
  param?: { fn: FunctionNode; index: number; path: PathElem[] };
  /** For an import: the module and the imported name (`*` for a namespace, `default`). */
  imported?: { module: string; name: string };
  /** For a function declaration. */
  fn?: FunctionNode;
}

export class Scope {
  readonly bindings = new Map<string, Binding>();
  constructor(
    readonly node: TSESTree.Node,
    readonly parent: Scope | undefined,
    readonly isFunction: boolean,
  ) {}

  lookup(name: string): Binding | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const found = scope.bindings.get(name);
      if (found) return found;
    }
    return undefined;
  }

  functionScope(): Scope {
    let scope: Scope = this;
    while (!scope.isFunction && scope.parent) scope = scope.parent;
    return scope;
  }
}

export interface FunctionInfo {
  node: FunctionNode;
  /** A name for messages: the declared name, the variable or property it is assigned to. */
  name: string;
  callSites: TSESTree.CallExpression[];
  /** Registered as an HTTP route handler or middleware. */
  routeHandler: boolean;
  /** Reachable from outside the module: exported directly, as a property or as a class method. */
  exported: boolean;
}

/** Globals of the host (browser or Node) that an assignment changes rather than creates: `location = url` navigates. */
const HOST_GLOBALS = /^(?:location|document|window|self|top|parent|name|status|opener|origin|onmessage|onerror|onload|process|module|exports|global|globalThis|require|console|undefined|NaN|Infinity)$/;

/** Functions that copy their later arguments' properties into the first (lodash, underscore, jQuery). */
const MERGE_FUNCTIONS = new Set(['merge', 'mergeWith', 'extend', 'defaults', 'defaultsDeep', 'assignIn', 'assignWith', 'extendOwn']);

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'route', 'any']);

interface PendingAssignment {
  scope: Scope;
  id: TSESTree.Identifier;
  def: Def;
}
interface PendingMemberWrite {
  scope: Scope;
  root: TSESTree.Identifier;
  write: MemberWrite;
}

export class ModuleIndex {
  readonly scopes = new Map<TSESTree.Node, Scope>();
  readonly functions = new Map<TSESTree.Node, FunctionInfo>();
  readonly moduleScope: Scope;
  private current: Scope;
  private finalised = false;
  private readonly pendingAssignments: PendingAssignment[] = [];
  private readonly pendingWrites: PendingMemberWrite[] = [];
  private readonly pendingCalls: Array<{ scope: Scope; call: TSESTree.CallExpression }> = [];
  private readonly routeCalls: Array<{ scope: Scope; call: TSESTree.CallExpression }> = [];
  private readonly exportNodes: Array<{ scope: Scope; node: TSESTree.Node }> = [];
  private readonly prototypeWrites: Array<{ scope: Scope; ctor: TSESTree.Identifier; fn: FunctionNode }> = [];
  /** `this.method = function () {}` inside a constructor function: a method of its instances. */
  private readonly thisMethodWrites: Array<{ ctor: FunctionNode; fn: FunctionNode }> = [];
  /** Constructors whose instance is exported (`module.exports = new Logger()`): their methods are public. */
  private readonly exportedInstances = new Set<FunctionNode>();
  /**
   * Values written to `this.<name>` anywhere in the module, by property name: what a later
   * `this.<name>` read in a method of the same object may see (`this.req = req` in a constructor,
   * `fs.readFile(this.filePath)` in a prototype method).
   */
  readonly thisPropertyWrites = new Map<string, TSESTree.Node[]>();

  constructor(program: TSESTree.Program) {
    this.moduleScope = new Scope(program, undefined, true);
    this.scopes.set(program, this.moduleScope);
    this.current = this.moduleScope;
  }

  get ready(): boolean {
    return this.finalised;
  }

  /** Listeners the engine files first in its walk. */
  listeners(): Record<string, (node: TSESTree.Node) => void> {
    const enterFunction = (node: TSESTree.Node): void => this.enterFunction(node as FunctionNode);
    const leave = (node: TSESTree.Node): void => {
      if (this.scopes.get(node) === this.current && this.current.parent) this.current = this.current.parent;
    };
    const enterBlock = (node: TSESTree.Node): void => {
      if (isFunction(node.parent)) return; // a function body shares the function's scope
      this.push(node, false);
    };
    return {
      FunctionDeclaration: enterFunction,
      FunctionExpression: enterFunction,
      ArrowFunctionExpression: enterFunction,
      'FunctionDeclaration:exit': leave,
      'FunctionExpression:exit': leave,
      'ArrowFunctionExpression:exit': leave,
      BlockStatement: enterBlock,
      'BlockStatement:exit': leave,
      ForStatement: enterBlock,
      'ForStatement:exit': leave,
      ForInStatement: (node) => this.enterForLoop(node as TSESTree.ForInStatement),
      'ForInStatement:exit': leave,
      ForOfStatement: (node) => this.enterForLoop(node as TSESTree.ForOfStatement),
      'ForOfStatement:exit': leave,
      SwitchStatement: enterBlock,
      'SwitchStatement:exit': leave,
      CatchClause: (node) => {
        const clause = node as TSESTree.CatchClause;
        const scope = this.push(clause, false);
        if (clause.param) this.declarePattern(scope, clause.param, 'catch', { node: clause, path: [], op: '=', at: clause.range[0] });
      },
      'CatchClause:exit': leave,
      VariableDeclaration: (node) => this.declareVariables(node as TSESTree.VariableDeclaration),
      ClassDeclaration: (node) => {
        const cls = node as TSESTree.ClassDeclaration;
        if (cls.id) this.declare(this.current, cls.id, 'class', { node: cls, value: cls, path: [], op: '=', at: cls.range[0] });
      },
      ImportDeclaration: (node) => this.declareImports(node as TSESTree.ImportDeclaration),
      AssignmentExpression: (node) => this.recordAssignment(node as TSESTree.AssignmentExpression),
      CallExpression: (node) => this.recordCall(node as TSESTree.CallExpression),
      ExportNamedDeclaration: (node) => this.exportNodes.push({ scope: this.current, node }),
      ExportDefaultDeclaration: (node) => this.exportNodes.push({ scope: this.current, node }),
    };
  }

  private push(node: TSESTree.Node, isFunctionScope: boolean): Scope {
    const scope = new Scope(node, this.current, isFunctionScope);
    this.scopes.set(node, scope);
    this.current = scope;
    return scope;
  }

  private enterFunction(fn: FunctionNode): void {
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) {
      this.declare(this.current, fn.id, 'function', { node: fn, value: fn, path: [], op: '=', at: fn.range[0] }).fn = fn;
    }
    this.functions.set(fn, { node: fn, name: functionName(fn), callSites: [], routeHandler: false, exported: false });
    const scope = this.push(fn, true);
    if (fn.type === AST_NODE_TYPES.FunctionExpression && fn.id) {
      this.declare(scope, fn.id, 'function', { node: fn, value: fn, path: [], op: '=', at: fn.range[0] }).fn = fn;
    }
    fn.params.forEach((param, index) => {
      const target = param.type === AST_NODE_TYPES.TSParameterProperty ? param.parameter : param;
      this.declarePattern(scope, target, 'param', { node: fn, path: [], op: '=', at: fn.range[0] }, { fn, index });
    });
  }

  private enterForLoop(loop: TSESTree.ForInStatement | TSESTree.ForOfStatement): void {
    this.push(loop, false);
    // for (x of list) with x declared earlier: each iteration assigns x
    if (loop.left.type !== AST_NODE_TYPES.VariableDeclaration) {
      const op = loop.type === AST_NODE_TYPES.ForOfStatement ? 'for-of' : 'for-in';
      this.collectPatternAssignments(loop.left, { node: loop, value: loop.right, path: [], op, at: loop.range[0] });
    }
  }

  private declare(scope: Scope, id: TSESTree.Identifier, kind: BindingKind, def: Def): Binding {
    let binding = scope.bindings.get(id.name);
    if (!binding) {
      binding = { name: id.name, kind, id, scope, defs: [], memberWrites: [] };
      scope.bindings.set(id.name, binding);
    }
    if (def.value || def.op !== '=' || kind === 'param') binding.defs.push(def);
    return binding;
  }

  /** Declares every identifier of a binding pattern, each with its path into the value. */
  private declarePattern(
    scope: Scope,
    pattern: TSESTree.Node,
    kind: BindingKind,
    def: Def,
    param?: { fn: FunctionNode; index: number },
  ): void {
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier: {
        const binding = this.declare(scope, pattern, kind, def);
        if (param) binding.param = { ...param, path: def.path };
        break;
      }
      case AST_NODE_TYPES.AssignmentPattern:
        this.declarePattern(scope, pattern.left, kind, { ...def, fallback: pattern.right }, param);
        break;
      case AST_NODE_TYPES.ObjectPattern:
        for (const prop of pattern.properties) {
          if (prop.type === AST_NODE_TYPES.RestElement) {
            this.declarePattern(scope, prop.argument, kind, { ...def, path: [...def.path, { rest: true }] }, param);
          } else {
            const name = propertyName(prop);
            const elem: PathElem = name === undefined ? { computed: true } : { prop: name };
            this.declarePattern(scope, prop.value, kind, { ...def, path: [...def.path, elem], fallback: undefined }, param);
          }
        }
        break;
      case AST_NODE_TYPES.ArrayPattern:
        pattern.elements.forEach((element, index) => {
          if (!element) return;
          if (element.type === AST_NODE_TYPES.RestElement) {
            this.declarePattern(scope, element.argument, kind, { ...def, path: [...def.path, { rest: true }] }, param);
          } else {
            this.declarePattern(scope, element, kind, { ...def, path: [...def.path, { index }], fallback: undefined }, param);
          }
        });
        break;
      case AST_NODE_TYPES.RestElement:
        this.declarePattern(scope, pattern.argument, kind, { ...def, path: [...def.path, { rest: true }] }, param);
        break;
      default:
        break;
    }
  }

  private declareVariables(decl: TSESTree.VariableDeclaration): void {
    const scope = decl.kind === 'var' ? this.current.functionScope() : this.current;
    const kind: BindingKind = decl.kind === 'var' ? 'var' : decl.kind === 'const' ? 'const' : 'let';
    const loop = decl.parent;
    for (const declarator of decl.declarations) {
      let def: Def;
      if ((loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) && loop.left === decl) {
        def = { node: loop, value: loop.right, path: [], op: loop.type === AST_NODE_TYPES.ForOfStatement ? 'for-of' : 'for-in', at: loop.range[0] };
      } else {
        def = { node: declarator, value: declarator.init ?? undefined, path: [], op: '=', at: declarator.range[1] };
      }
      this.declarePattern(scope, declarator.id, kind, def);
    }
  }

  private declareImports(decl: TSESTree.ImportDeclaration): void {
    const module = normaliseModule(String(decl.source.value));
    for (const spec of decl.specifiers) {
      let name: string;
      if (spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier) name = '*';
      else if (spec.type === AST_NODE_TYPES.ImportDefaultSpecifier) name = 'default';
      else name = spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : String(spec.imported.value);
      const binding = this.declare(this.moduleScope, spec.local, 'import', { node: spec, path: [], op: '=', at: decl.range[0] });
      binding.imported = { module, name };
    }
  }

  private recordAssignment(node: TSESTree.AssignmentExpression): void {
    const op = node.operator === '=' || node.operator === '||=' || node.operator === '??=' || node.operator === '&&=' ? '=' : node.operator === '+=' ? '+=' : 'numeric';
    const left = node.left;
    if (left.type === AST_NODE_TYPES.MemberExpression) {
      const chain: Array<string | undefined> = [];
      let current: TSESTree.Node = left;
      while (current.type === AST_NODE_TYPES.MemberExpression) {
        chain.unshift(propertyName(current));
        current = unwrap(current.object);
      }
      if (current.type === AST_NODE_TYPES.ThisExpression && chain.length === 1 && isFunction(unwrap(node.right))) {
        const ctor = thisOwner(node);
        if (ctor) this.thisMethodWrites.push({ ctor, fn: unwrap(node.right) as FunctionNode });
      } else if (current.type === AST_NODE_TYPES.ThisExpression && chain.length === 1 && chain[0] !== undefined && op === '=' && thisOwner(node)) {
        const writes = this.thisPropertyWrites.get(chain[0]) ?? [];
        writes.push(node.right);
        this.thisPropertyWrites.set(chain[0], writes);
      }
      if (current.type === AST_NODE_TYPES.Identifier) {
        this.pendingWrites.push({ scope: this.current, root: current, write: { path: chain, value: node.right, node } });
        if (chain.length === 2 && chain[0] === 'prototype' && isFunction(unwrap(node.right))) {
          this.prototypeWrites.push({ scope: this.current, ctor: current, fn: unwrap(node.right) as FunctionNode });
        }
      }
      if (isModuleExportsTarget(left)) this.exportNodes.push({ scope: this.current, node });
      return;
    }
    this.collectPatternAssignments(left, { node, value: node.right, path: [], op, at: node.range[1] });
  }

  private collectPatternAssignments(pattern: TSESTree.Node, def: Def): void {
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier:
        this.pendingAssignments.push({ scope: this.current, id: pattern, def });
        break;
      case AST_NODE_TYPES.ObjectPattern:
        for (const prop of pattern.properties) {
          if (prop.type === AST_NODE_TYPES.RestElement) this.collectPatternAssignments(prop.argument, { ...def, path: [...def.path, { rest: true }] });
          else {
            const name = propertyName(prop);
            this.collectPatternAssignments(prop.value, { ...def, path: [...def.path, name === undefined ? { computed: true } : { prop: name }] });
          }
        }
        break;
      case AST_NODE_TYPES.ArrayPattern:
        pattern.elements.forEach((element, index) => {
          if (element) this.collectPatternAssignments(element, { ...def, path: [...def.path, { index }] });
        });
        break;
      case AST_NODE_TYPES.AssignmentPattern:
        this.collectPatternAssignments(pattern.left, { ...def, fallback: pattern.right });
        break;
      default:
        break;
    }
  }

  private recordCall(call: TSESTree.CallExpression): void {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) this.pendingCalls.push({ scope: this.current, call });
    // _.merge(target, source), $.extend(target, ...), a destructured merge(target, source): the target holds the sources
    const mergeName = callee.type === AST_NODE_TYPES.Identifier ? callee.name : propertyName(callee);
    const mergeTarget = call.arguments[0] && unwrap(call.arguments[0]);
    if (mergeName && MERGE_FUNCTIONS.has(mergeName) && mergeTarget?.type === AST_NODE_TYPES.Identifier) {
      for (const arg of call.arguments.slice(1)) this.pendingWrites.push({ scope: this.current, root: mergeTarget, write: { path: [undefined], value: arg, node: call } });
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = propertyName(callee);
      if (name && ROUTE_METHODS.has(name)) this.routeCalls.push({ scope: this.current, call });
      // parts.push(x), params.append(k, v): the receiver now holds x
      const receiver = unwrap(callee.object);
      if (name && MUTATING_METHODS.has(name) && receiver.type === AST_NODE_TYPES.Identifier) {
        for (const arg of call.arguments) this.pendingWrites.push({ scope: this.current, root: receiver, write: { path: [undefined], value: arg, node: call } });
      }
      // Object.assign(target, source)
      const target = call.arguments[0] && unwrap(call.arguments[0]);
      if (name === 'assign' && target?.type === AST_NODE_TYPES.Identifier && memberChain(callee)?.[0] === 'Object') {
        for (const arg of call.arguments.slice(1)) this.pendingWrites.push({ scope: this.current, root: target, write: { path: [undefined], value: arg, node: call } });
      }
    }
  }

  /** Resolves what the walk could not: assignments, call sites, route handlers, exports. */
  finalise(): void {
    if (this.finalised) return;
    this.finalised = true;
    for (const { scope, id, def } of this.pendingAssignments) {
      const binding = scope.lookup(id.name);
      if (binding) binding.defs.push(def);
      // `filePath = dir + name` with no declaration: sloppy-mode code creates a global variable
      else if (!HOST_GLOBALS.test(id.name)) this.declare(this.moduleScope, id, 'var', def);
    }
    for (const { scope, root, write } of this.pendingWrites) {
      const binding = scope.lookup(root.name);
      if (binding) binding.memberWrites.push(write);
    }
    for (const { scope, call } of this.pendingCalls) {
      const fn = this.functionOfName(scope, (unwrap(call.callee) as TSESTree.Identifier).name);
      if (fn) this.functions.get(fn)?.callSites.push(call);
    }
    for (const { scope, call } of this.routeCalls) this.markRouteHandlers(scope, call);
    for (const { scope, node } of this.exportNodes) this.markExports(scope, node);
    for (const { ctor, fn } of this.thisMethodWrites) {
      if (this.functions.get(ctor)?.exported || this.exportedInstances.has(ctor)) this.markExported(fn);
    }
    for (const { scope, ctor, fn } of this.prototypeWrites) {
      const binding = scope.lookup(ctor.name);
      const ctorFn = binding && this.functionOfBinding(binding);
      if (ctorFn && (this.functions.get(ctorFn)?.exported || this.exportedInstances.has(ctorFn))) this.markExported(fn);
    }
  }

  /** The scope an identifier is resolved in: the innermost scope node around it. */
  scopeOf(node: TSESTree.Node): Scope {
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      const scope = this.scopes.get(current);
      if (scope) {
        // A function's name and default parameter values are outside its body, but its
        // parameters are inside; resolving in the function scope finds both through the chain.
        return scope;
      }
    }
    return this.moduleScope;
  }

  resolve(id: TSESTree.Identifier): Binding | undefined {
    return this.scopeOf(id).lookup(id.name);
  }

  /** The local function a binding holds, if it holds exactly one. */
  functionOfBinding(binding: Binding): FunctionNode | undefined {
    if (binding.fn) return binding.fn;
    if (binding.kind === 'param' || binding.kind === 'import') return undefined;
    const defs = binding.defs.filter((d) => d.value);
    if (defs.length !== 1 || defs[0]!.path.length) return undefined;
    const value = unwrap(defs[0]!.value!);
    return isFunction(value) ? value : undefined;
  }

  private functionOfName(scope: Scope, name: string): FunctionNode | undefined {
    const binding = scope.lookup(name);
    return binding ? this.functionOfBinding(binding) : undefined;
  }

  /** The function an expression stands for: inline, or a local name holding one. */
  functionOf(node: TSESTree.Node, scope: Scope): FunctionNode | undefined {
    const value = unwrap(node);
    if (isFunction(value)) return value;
    if (value.type === AST_NODE_TYPES.Identifier) return this.functionOfName(scope, value.name);
    return undefined;
  }

  private markRouteHandlers(scope: Scope, call: TSESTree.CallExpression): void {
    const args = call.arguments;
    const first = args[0] ? unwrap(args[0]) : undefined;
    // Hapi/Fastify style: route({ method, path|url, handler }) or an array of such objects.
    const configs = first?.type === AST_NODE_TYPES.ArrayExpression ? first.elements : [first];
    for (const config of configs) {
      if (config?.type !== AST_NODE_TYPES.ObjectExpression) continue;
      const hasPath = config.properties.some((p) => p.type === AST_NODE_TYPES.Property && ['path', 'url'].includes(propertyName(p) ?? ''));
      if (!hasPath) continue;
      for (const prop of config.properties) {
        if (prop.type !== AST_NODE_TYPES.Property) continue;
        const name = propertyName(prop);
        if (name === 'handler' || name === 'preHandler') this.markHandler(prop.value, scope);
        if (name === 'options' || name === 'config') {
          const inner = unwrap(prop.value);
          if (inner.type === AST_NODE_TYPES.ObjectExpression) {
            for (const p of inner.properties) if (p.type === AST_NODE_TYPES.Property && propertyName(p) === 'handler') this.markHandler(p.value, scope);
          }
        }
      }
    }
    // Express/Koa-router/Fastify style: get('/path', ...handlers), use(handler), route('/p').get(h).
    const firstIsPath = !!first && isPathLike(first);
    const handlers = firstIsPath || first?.type === AST_NODE_TYPES.Identifier || first?.type === AST_NODE_TYPES.MemberExpression ? args.slice(1) : args;
    const method = propertyName(unwrap(call.callee));
    for (const arg of handlers) {
      const fn = this.functionOf(arg, scope);
      if (!fn) continue;
      // Without a path, only functions shaped like (req, res[, next]) or Koa's (ctx, next) count.
      if (!firstIsPath && !(method === 'use' || fn.params.length >= 2)) continue;
      this.markHandler(arg, scope);
    }
  }

  private markHandler(node: TSESTree.Node, scope: Scope): void {
    const fn = this.functionOf(node, scope);
    const info = fn && this.functions.get(fn);
    if (info) info.routeHandler = true;
  }

  private markExported(fn: FunctionNode | undefined): void {
    const info = fn && this.functions.get(fn);
    if (info) info.exported = true;
  }

  /** Marks what an export statement or `module.exports` assignment makes public. */
  private markExports(scope: Scope, node: TSESTree.Node): void {
    let value: TSESTree.Node | undefined;
    if (node.type === AST_NODE_TYPES.AssignmentExpression) value = node.right;
    else if (node.type === AST_NODE_TYPES.ExportDefaultDeclaration) value = node.declaration;
    else if (node.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      if (node.declaration) {
        if (node.declaration.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const d of node.declaration.declarations) if (d.init) this.markExportValue(d.init, scope);
          return;
        }
        value = node.declaration;
      } else if (!node.source) {
        for (const spec of node.specifiers) {
          if (spec.local.type === AST_NODE_TYPES.Identifier) this.markExportValue(spec.local, scope);
        }
        return;
      }
    }
    if (value) this.markExportValue(value, scope);
  }

  private markExportValue(node: TSESTree.Node, scope: Scope, depth = 0): void {
    if (depth > 5) return;
    const value = unwrap(node);
    if (isFunction(value)) {
      this.markExported(value);
      // a factory: module.exports = (opts) => ({ ping(host) {...} }): what it returns is public too
      for (const returned of returnedValues(value)) {
        if (returned.type === AST_NODE_TYPES.ObjectExpression || returned.type === AST_NODE_TYPES.Identifier) this.markExportValue(returned, this.scopes.get(value) ?? scope, depth + 1);
      }
      return;
    }
    // module.exports = new (function () { this.run = function (cmd) {...} })(): the instance's
    // methods are public, but the constructor is called here, with this module's own arguments.
    if (value.type === AST_NODE_TYPES.NewExpression) {
      const ctor = this.functionOf(value.callee, scope);
      if (ctor) this.exportedInstances.add(ctor);
      return;
    }
    if (value.type === AST_NODE_TYPES.ClassDeclaration || value.type === AST_NODE_TYPES.ClassExpression) {
      for (const member of value.body.body) {
        if (member.type === AST_NODE_TYPES.MethodDefinition && member.accessibility !== 'private' && member.key.type !== AST_NODE_TYPES.PrivateIdentifier && isFunction(member.value)) this.markExported(member.value);
      }
      return;
    }
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      for (const prop of value.properties) if (prop.type === AST_NODE_TYPES.Property) this.markExportValue(prop.value, scope, depth + 1);
      return;
    }
    if (value.type === AST_NODE_TYPES.Identifier) {
      const binding = scope.lookup(value.name);
      if (!binding) return;
      const fn = this.functionOfBinding(binding);
      if (fn) this.markExported(fn);
      else for (const def of binding.defs) if (def.value && !def.path.length) this.markExportValue(def.value, scope, depth + 1);
      // module.exports = thenify; thenify.withCallback = function (fn) {...}: a function's properties are public too
      for (const write of binding.memberWrites) if (write.path.length === 1) this.markExportValue(write.value, scope, depth + 1);
    }
  }
}

/** The expressions a function returns (an arrow's expression body included), not those of nested functions. */
function returnedValues(fn: FunctionNode): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [unwrap(fn.body)];
  const found: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) found.push(unwrap(node.argument));
      continue;
    }
    if (isFunction(node) || node.type === AST_NODE_TYPES.ClassBody) continue;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof (c as TSESTree.Node).type === 'string') stack.push(c as TSESTree.Node);
      } else if (child && typeof (child as TSESTree.Node).type === 'string') stack.push(child as TSESTree.Node);
    }
  }
  return found;
}

/** The function whose `this` an expression sees: the nearest enclosing non-arrow function. */
function thisOwner(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression) return current;
  }
  return undefined;
}

function isPathLike(node: TSESTree.Node): boolean {
  const text = stringValue(node);
  if (text !== undefined) return text.startsWith('/') || text === '*' || text.startsWith('*');
  if (node.type === AST_NODE_TYPES.Literal && 'regex' in node) return true;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return (node.quasis[0]?.value.cooked ?? '').startsWith('/');
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.some((e) => !!e && isPathLike(e));
  return false;
}

function isModuleExportsTarget(left: TSESTree.MemberExpression): boolean {
  const chain = memberChain(left);
  if (!chain) return false;
  // $.fn.tooltip = function (options) {...}: a jQuery plugin's public API
  if ((chain[0] === '$' || chain[0] === 'jQuery') && chain[1] === 'fn' && chain.length === 3) return true;
  return (chain[0] === 'module' && chain[1] === 'exports') || chain[0] === 'exports';
}

/** `node:fs` and `fs` are the same module; `fs/promises` keeps its subpath. */
export function normaliseModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

/** A readable name for a function, from its id or what it is assigned to. */
export function functionName(fn: FunctionNode): string {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if (parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) {
    return propertyName(parent) ?? 'anonymous function';
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression) {
    const chain = memberChain(parent.left);
    if (chain) return chain.join('.');
  }
  return 'anonymous function';
}
