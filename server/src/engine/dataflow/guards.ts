// Validation that dominates a use: `if (!ALLOWED.includes(x)) return;`, `if (x.includes('..'))
// throw`, `switch (x) { case 'a': ... }`, a prefix check on a resolved path. A use reached only
// after such a check is safe for the sink kinds the check protects.
import type { TSESTree } from '@typescript-eslint/types';
import type { SinkKind } from '../../../../rules/api/dataflow';
import { AST_NODE_TYPES, calleeName, calleeObject, propertyName, stringValue, unwrap } from '../../../../rules/api/ast';
import type { Binding, ModuleIndex } from './scopes';

/** The value a guard must talk about: a local binding, or a member path such as `req.query.id`. */
interface Subject {
  binding?: Binding;
  text: string;
}

const VALIDATOR_NAME = /^(?:is(?:Valid|Safe|Allowed|Whitelisted|Allowlisted|Permitted|Trusted|Known|Supported)\w*|validate\w*|check\w*Allowed|isUUID|isInt|isNumeric|isAlphanumeric|isAlpha|isHexadecimal|isMongoId|isEmail|isIn|isBoolean|isDate|isISO8601|isSlug|isPort|isDecimal|isFloat|isHash|isJWT|isBase64|isHexColor|isLocale)$/;
const NUMBER_CHECKS = /^(?:Number\.)?(?:isInteger|isSafeInteger|isFinite)$/;
const ALL_KINDS = 'all';

type Protects = SinkKind[] | typeof ALL_KINDS;

export class Guards {
  private readonly guardLists = new WeakMap<TSESTree.Node[], TSESTree.Node[]>();

  constructor(
    private readonly index: ModuleIndex,
    private readonly text: string,
  ) {}

  /** Whether every path to `use` passes a check that makes it safe for `kind`. */
  guarded(use: TSESTree.Node, kind: SinkKind): boolean {
    const subject = this.subjectOf(use);
    if (!subject) return false;
    let child: TSESTree.Node = use;
    for (let parent = use.parent; parent; child = parent, parent = parent.parent) {
      switch (parent.type) {
        case AST_NODE_TYPES.IfStatement:
        case AST_NODE_TYPES.ConditionalExpression:
          if (child === parent.consequent && this.holds(parent.test, subject, kind)) return true;
          if (child === parent.alternate && this.fails(parent.test, subject, kind)) return true;
          break;
        case AST_NODE_TYPES.LogicalExpression:
          if (child === parent.right && parent.operator === '&&' && this.holds(parent.left, subject, kind)) return true;
          if (child === parent.right && parent.operator === '||' && this.fails(parent.left, subject, kind)) return true;
          break;
        case AST_NODE_TYPES.SwitchCase: {
          const discriminant = (parent.parent as TSESTree.SwitchStatement).discriminant;
          if (parent.test && parent.test.type === AST_NODE_TYPES.Literal && this.isSubject(discriminant, subject)) return true;
          if (this.precededByGuard(parent.consequent, child, subject, kind)) return true;
          break;
        }
        case AST_NODE_TYPES.BlockStatement:
        case AST_NODE_TYPES.Program:
        case AST_NODE_TYPES.StaticBlock:
          if (this.precededByGuard(parent.body as TSESTree.Node[], child, subject, kind)) return true;
          break;
        default:
          break;
      }
    }
    return false;
  }

  /** Statements before `child` in a list that let control through only when the check passed. */
  private precededByGuard(body: TSESTree.Node[], child: TSESTree.Node, subject: Subject, kind: SinkKind): boolean {
    for (const statement of this.guardShaped(body)) {
      if (statement.range[0] >= child.range[0]) return false;
      if (statement.type === AST_NODE_TYPES.IfStatement) {
        if (exits(statement.consequent) && this.fails(statement.test, subject, kind)) return true;
        if (statement.alternate && exits(statement.alternate) && this.holds(statement.test, subject, kind)) return true;
      } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
        const expr = unwrap(statement.expression);
        if (expr.type === AST_NODE_TYPES.CallExpression && /^(?:assert|ok|invariant|strictEqual|equal)$/.test(calleeName(expr) ?? '')) {
          const [first, second] = expr.arguments;
          if (first && this.holds(first, subject, kind)) return true;
          if (first && second && /Equal$|^equal$/.test(calleeName(expr) ?? '') && this.equality(first, second, subject)) return true;
        }
      }
    }
    return false;
  }

  /**
   * The statements of a list that can guard what follows them (an `if` that leaves, an assert),
   * found once per list: scanning every statement before every use made long files quadratic.
   */
  private guardShaped(body: TSESTree.Node[]): TSESTree.Node[] {
    let list = this.guardLists.get(body);
    if (!list) {
      list = body.filter((statement) => {
        if (statement.type === AST_NODE_TYPES.IfStatement) return exits(statement.consequent) || (!!statement.alternate && exits(statement.alternate));
        if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return false;
        const expr = unwrap(statement.expression);
        return expr.type === AST_NODE_TYPES.CallExpression && /^(?:assert|ok|invariant|strictEqual|equal)$/.test(calleeName(expr) ?? '');
      });
      this.guardLists.set(body, list);
    }
    return list;
  }

  /** `test` being true implies the subject is safe for `kind`. */
  private holds(test: TSESTree.Node, subject: Subject, kind: SinkKind, depth = 0): boolean {
    const node = unwrap(test);
    if (depth > 4) return false;
    if (kind === 'redirect' && this.isSitePath(node, subject, true)) return true;
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return this.fails(node.argument, subject, kind, depth + 1);
    if (node.type === AST_NODE_TYPES.LogicalExpression) {
      if (node.operator === '&&') return this.holds(node.left, subject, kind, depth + 1) || this.holds(node.right, subject, kind, depth + 1);
      if (node.operator === '||') return this.holds(node.left, subject, kind, depth + 1) && this.holds(node.right, subject, kind, depth + 1);
      return false;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      // const ok = ALLOWED.includes(x); if (ok) ...
      const def = this.singleDefinition(node);
      return !!def && this.holds(def, subject, kind, depth + 1);
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression) return this.binaryHolds(node, subject, kind);
    if (kind === 'path' && node.type === AST_NODE_TYPES.CallExpression && this.unnormalisedPrefixCheck(node, subject)) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) return covers(this.callProtects(node, subject), kind);
    return false;
  }

  /**
   * `p.startsWith(root)` where `p` was never normalised (a request field, or text joined with `+`
   * or a template): `root/../../etc/passwd` starts with root, so the check proves nothing for a path.
   */
  private unnormalisedPrefixCheck(call: TSESTree.CallExpression, subject: Subject): boolean {
    const receiver = calleeObject(call);
    if (calleeName(call) !== 'startsWith' || !receiver || !this.isSubject(receiver, subject)) return false;
    let value: TSESTree.Node | undefined = unwrap(receiver);
    if (value.type === AST_NODE_TYPES.Identifier) value = this.singleDefinition(value);
    if (!value) return false;
    value = unwrap(value);
    return value.type === AST_NODE_TYPES.MemberExpression || value.type === AST_NODE_TYPES.TemplateLiteral || (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+');
  }

  /** `test` being false implies the subject is safe for `kind`. */
  private fails(test: TSESTree.Node, subject: Subject, kind: SinkKind, depth = 0): boolean {
    const node = unwrap(test);
    if (depth > 4) return false;
    if (kind === 'redirect' && this.isSitePath(node, subject, false)) return true;
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return this.holds(node.argument, subject, kind, depth + 1);
    if (node.type === AST_NODE_TYPES.LogicalExpression) {
      if (node.operator === '||') return this.fails(node.left, subject, kind, depth + 1) || this.fails(node.right, subject, kind, depth + 1);
      if (node.operator === '&&') return this.fails(node.left, subject, kind, depth + 1) && this.fails(node.right, subject, kind, depth + 1);
      return false;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const def = this.singleDefinition(node);
      return !!def && this.fails(def, subject, kind, depth + 1);
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression) {
      // x !== 'a' / typeof x !== 'string' / list.indexOf(x) === -1
      const negated = negate(node.operator);
      if (negated && this.binaryHolds({ ...node, operator: negated } as TSESTree.BinaryExpression, subject, kind)) return true;
      // x.indexOf('..') !== -1 is "contains"
      return covers(this.containsCheck(node, subject), kind);
    }
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // if (x.includes('..')) return; if (/[^\w-]/.test(x)) throw; if (isNaN(x)) return
      const name = calleeName(node);
      if (name === 'isNaN' && node.arguments[0] && this.isSubject(node.arguments[0], subject)) return true;
      return covers(this.containsCheck(node, subject), kind);
    }
    return false;
  }

  /**
   * Whether `test` having the value `truth` proves the subject is a path on this site: it starts
   * with `/` (`x.startsWith('/')`, `x[0] === '/'`, `/^\//.test(x)`) and not with `//`, which a browser
   * reads as another host. Both halves are needed: `'/' + '/evil.com'` is `//evil.com`.
   */
  private isSitePath(test: TSESTree.Node, subject: Subject, truth: boolean): boolean {
    const facts = new Set<SitePathFact>();
    this.collectSitePathFacts(test, subject, truth, facts, 0);
    return facts.has('slash') && facts.has('not-double');
  }

  private collectSitePathFacts(test: TSESTree.Node, subject: Subject, truth: boolean, facts: Set<SitePathFact>, depth: number): void {
    const node = unwrap(test);
    if (depth > 6) return;
    if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') return this.collectSitePathFacts(node.argument, subject, !truth, facts, depth + 1);
    if (node.type === AST_NODE_TYPES.LogicalExpression) {
      // `a && b` true, or `a || b` false, says something about each side
      if ((node.operator === '&&' && truth) || (node.operator === '||' && !truth)) {
        this.collectSitePathFacts(node.left, subject, truth, facts, depth + 1);
        this.collectSitePathFacts(node.right, subject, truth, facts, depth + 1);
      }
      return;
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression && /^[!=]==?$/.test(node.operator)) {
      // x[0] === '/', x.charAt(1) !== '/'
      const equal = node.operator.startsWith('=') === truth;
      const [access, other] = stringValue(unwrap(node.right)) !== undefined ? [unwrap(node.left), unwrap(node.right)] : [unwrap(node.right), unwrap(node.left)];
      const char = stringValue(other);
      const index = this.charIndex(access, subject);
      if (char === '/' && index === 0 && equal) facts.add('slash');
      if (char === '/' && index === 1 && !equal) facts.add('not-double');
      return;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const name = calleeName(node);
    const receiver = calleeObject(node);
    const arg0 = node.arguments[0];
    if (!receiver || !arg0) return;
    if (name === 'startsWith' && this.isSubject(receiver, subject)) {
      const prefix = stringValue(unwrap(arg0));
      if (prefix === undefined) return;
      if (truth && prefix.startsWith('/')) facts.add('slash');
      if (truth && prefix.length > 1 && prefix.startsWith('/') && prefix[1] !== '/' && prefix[1] !== '\\') facts.add('not-double');
      if (!truth && (prefix === '//' || prefix === '/')) facts.add('not-double');
      return;
    }
    if (name === 'test' && this.isSubject(arg0, subject)) {
      const source = this.regexSource(receiver);
      if (!source) return;
      if (truth && /^\^(?:\\\/|\/)/.test(source)) facts.add('slash');
      // /^\/(?!\/)/, /^\/[^\/\\]/ when true; /^\/\//, /^\/[\/\\]/ when false
      if (truth && /^\^\\\/(?:\(\?!|\[\^)/.test(source)) facts.add('not-double');
      if (!truth && /^\^(?:\\\/|\/){2}|^\^\\\/\[(?:\\\/|\/)/.test(source)) facts.add('not-double');
    }
  }

  /** For `x[i]` or `x.charAt(i)` on the subject, `i`. */
  private charIndex(node: TSESTree.Node, subject: Subject): number | undefined {
    if (node.type === AST_NODE_TYPES.MemberExpression && node.computed && this.isSubject(node.object, subject)) {
      const index = unwrap(node.property);
      return index.type === AST_NODE_TYPES.Literal && typeof index.value === 'number' ? index.value : undefined;
    }
    if (node.type === AST_NODE_TYPES.CallExpression && calleeName(node) === 'charAt' && node.arguments[0]) {
      const receiver = calleeObject(node);
      const index = unwrap(node.arguments[0]);
      if (receiver && this.isSubject(receiver, subject) && index.type === AST_NODE_TYPES.Literal && typeof index.value === 'number') return index.value;
    }
    return undefined;
  }

  private binaryHolds(node: TSESTree.BinaryExpression, subject: Subject, kind: SinkKind): boolean {
    const { operator, left, right } = node;
    if (operator === '===' || operator === '==') {
      if (this.equality(left, right, subject)) return true;
      // typeof x === 'number'
      const typeOf = this.typeofCheck(left, right, subject) ?? this.typeofCheck(right, left, subject);
      if (typeOf === 'number' || typeOf === 'boolean' || typeOf === 'undefined') return true;
      if (typeOf === 'string') return kind === 'nosql';
      return false;
    }
    if (operator === 'in' && this.isSubject(left, subject)) return true;
    if (operator === 'instanceof') return false;
    // x.length <= 1000: a short string cannot keep a backtracking regex busy for long
    if (kind === 'redos' && this.lengthBounded(operator, left, right, subject)) return true;
    // ALLOWED.indexOf(x) !== -1 / >= 0 / > -1
    const call = unwrap(left);
    if (call.type === AST_NODE_TYPES.CallExpression && calleeName(call) === 'indexOf') {
      const receiver = calleeObject(call);
      const arg = call.arguments[0];
      const found = (operator === '!==' || operator === '!=') ? isMinusOne(right) : operator === '>=' ? isZero(right) : operator === '>' ? isMinusOne(right) : false;
      if (found && arg && receiver && this.isSubject(arg, subject) && !this.mentions(receiver, subject)) return true;
    }
    return false;
  }

  /** `x.length < N`, `x.length <= N`, `N > x.length`, `N >= x.length` with N a number literal. */
  private lengthBounded(operator: string, left: TSESTree.Node, right: TSESTree.Node, subject: Subject): boolean {
    const isLength = (n: TSESTree.Node): boolean => {
      const u = unwrap(n);
      return u.type === AST_NODE_TYPES.MemberExpression && !u.computed && u.property.type === AST_NODE_TYPES.Identifier && u.property.name === 'length' && this.isSubject(u.object, subject);
    };
    const isNumber = (n: TSESTree.Node): boolean => {
      const u = unwrap(n);
      return u.type === AST_NODE_TYPES.Literal && typeof u.value === 'number';
    };
    if ((operator === '<' || operator === '<=') && isLength(left) && isNumber(right)) return true;
    return (operator === '>' || operator === '>=') && isNumber(left) && isLength(right);
  }

  /** `a === b` where one side is the subject (or derived from it) and the other a constant. */
  private equality(a: TSESTree.Node, b: TSESTree.Node, subject: Subject): boolean {
    const constant = (n: TSESTree.Node): boolean => {
      const u = unwrap(n);
      return u.type === AST_NODE_TYPES.Literal || (u.type === AST_NODE_TYPES.TemplateLiteral && !u.expressions.length) || (u.type === AST_NODE_TYPES.Identifier && !!this.singleDefinition(u) && unwrap(this.singleDefinition(u)!).type === AST_NODE_TYPES.Literal) || (u.type === AST_NODE_TYPES.MemberExpression && /^[A-Z_]+$/.test(this.text.slice(u.object.range[0], u.object.range[1])));
    };
    return (this.mentionsWhole(a, subject) && constant(b)) || (this.mentionsWhole(b, subject) && constant(a));
  }

  private typeofCheck(a: TSESTree.Node, b: TSESTree.Node, subject: Subject): string | undefined {
    const u = unwrap(a);
    if (u.type === AST_NODE_TYPES.UnaryExpression && u.operator === 'typeof' && this.isSubject(u.argument, subject)) return stringValue(unwrap(b));
    return undefined;
  }

  /** What a boolean-returning call on the subject protects when it returns true. */
  private callProtects(call: TSESTree.CallExpression, subject: Subject): Protects | undefined {
    const name = calleeName(call) ?? '';
    const receiver = calleeObject(call);
    const args = call.arguments;
    const arg0 = args[0];
    // ALLOWED.includes(x), allowedSet.has(x), Object.hasOwn(MAP, x), MAP.hasOwnProperty(x)
    if ((name === 'includes' || name === 'has' || name === 'hasOwnProperty' || name === 'contains') && receiver && arg0) {
      if (this.isSubject(arg0, subject) || this.mentionsWhole(arg0, subject)) {
        if (!this.mentions(receiver, subject)) return ALL_KINDS;
      }
    }
    if (name === 'hasOwn' && args[1] && this.mentionsWhole(args[1], subject)) return ALL_KINDS;
    // /^[a-z0-9_-]+$/.test(x), x.match(/^\d+$/)
    if (name === 'test' && receiver && arg0 && this.isSubject(arg0, subject)) return regexProtects(this.regexSource(receiver)) ?? schemeRegexProtects(this.regexSource(receiver));
    if (name === 'match' && receiver && arg0 && this.isSubject(receiver, subject)) return regexProtects(this.regexSource(arg0)) ?? schemeRegexProtects(this.regexSource(arg0));
    // resolved.startsWith(root): the classic path-traversal and open-redirect check
    if (name === 'startsWith' && receiver && arg0 && this.isSubject(receiver, subject)) {
      const prefix = stringValue(unwrap(arg0));
      if (prefix === undefined) return ['path'];
      // Any fixed start that cannot begin `javascript:`, `data:` or `vbscript:` rules out a script URL.
      const url: SinkKind[] = isSchemeSafePrefix(prefix) ? ['url'] : [];
      if (/^https?:\/\/[^/]+\//i.test(prefix)) return ['ssrf', 'redirect', 'path', ...url];
      if (prefix.startsWith('/') && prefix.length > 1 && prefix[1] !== '/') return ['redirect', 'path', ...url];
      if (prefix.length > 1) return ['path', ...url];
      return url.length ? url : undefined;
    }
    // validator.isInt(x), isValidHost(x), Number.isInteger(x), ObjectId.isValid(x), uuid.validate(x)
    const fullName = this.text.slice(call.callee.range[0], call.callee.range[1]);
    if (arg0 && this.mentionsWhole(arg0, subject)) {
      if (NUMBER_CHECKS.test(fullName)) return ALL_KINDS;
      if (/(?:^|\.)isValid(?:ObjectId)?$|^uuid\.validate$|^validate$/.test(fullName)) return ALL_KINDS;
      // validator.isWhitelisted(x, '0123456789+-*/()'), validator.matches(x, /^[a-z]+$/): judged by what they let through
      if (/^(?:isWhitelisted|isAllowlisted)$/.test(name) && args[1]) {
        const set = unwrap(args[1]);
        const chars = stringValue(set.type === AST_NODE_TYPES.Identifier ? unwrap(this.singleDefinition(set) ?? set) : set);
        return chars !== undefined ? charSetProtects(chars) : undefined;
      }
      if (name === 'matches' && args[1]) {
        const pattern = unwrap(args[1]);
        const source = pattern.type === AST_NODE_TYPES.Literal && 'regex' in pattern && pattern.regex ? pattern.regex.pattern : stringValue(pattern);
        return regexProtects(source);
      }
      if (VALIDATOR_NAME.test(name)) {
        if (name === 'isURL' || name === 'isFQDN') return ['xss', 'command', 'sql', 'nosql', 'path', 'url'];
        return ALL_KINDS;
      }
    }
    return undefined;
  }

  /** What a "contains something dangerous" check protects when it is false. */
  private containsCheck(node: TSESTree.Node, subject: Subject): Protects | undefined {
    let call = unwrap(node);
    if (call.type === AST_NODE_TYPES.BinaryExpression) {
      const inner = unwrap(call.left);
      const contains = (call.operator === '!==' || call.operator === '!=' || call.operator === '>' || call.operator === '>=') && inner.type === AST_NODE_TYPES.CallExpression && calleeName(inner) === 'indexOf';
      if (!contains) return undefined;
      call = inner;
    }
    if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const name = calleeName(call);
    const receiver = calleeObject(call);
    const arg0 = call.arguments[0];
    if ((name === 'includes' || name === 'indexOf') && receiver && arg0 && this.isSubject(receiver, subject)) {
      const needle = stringValue(unwrap(arg0)) ?? '';
      if (needle.includes('..') || needle === '/' || needle === '\\') return ['path'];
      if (needle === '<' || needle === '>') return ['xss'];
      return undefined;
    }
    // /[^a-z0-9]/.test(x) or /\.\./.test(x) being false
    if (name === 'test' && receiver && arg0 && this.isSubject(arg0, subject)) {
      const source = this.regexSource(receiver);
      if (!source) return undefined;
      if (/^\[\^[^\]]*\]$/.test(source) && !/\\S|\\W|\.|\//.test(source.slice(2, -1))) return ALL_KINDS;
      if (source.includes('\\.\\.')) return ['path'];
      return undefined;
    }
    return undefined;
  }

  private regexSource(node: TSESTree.Node): string | undefined {
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.Literal && 'regex' in n && n.regex) return n.regex.pattern;
    if (n.type === AST_NODE_TYPES.Identifier) {
      const def = this.singleDefinition(n);
      if (def) return this.regexSource(def);
    }
    if (n.type === AST_NODE_TYPES.NewExpression && calleeName(n) === 'RegExp') return stringValue(n.arguments[0] ? unwrap(n.arguments[0]) : undefined);
    return undefined;
  }

  private singleDefinition(id: TSESTree.Identifier): TSESTree.Node | undefined {
    const binding = this.index.resolve(id);
    if (!binding || binding.kind === 'param' || binding.kind === 'import') return undefined;
    const defs = binding.defs;
    if (defs.length !== 1 || defs[0]!.path.length || defs[0]!.op !== '=') return undefined;
    return defs[0]!.value;
  }

  private subjectOf(use: TSESTree.Node): Subject | undefined {
    const node = unwrap(use);
    if (node.type === AST_NODE_TYPES.Identifier) return { binding: this.index.resolve(node), text: node.name };
    if (node.type === AST_NODE_TYPES.MemberExpression) return { text: normalise(this.text.slice(node.range[0], node.range[1])) };
    return undefined;
  }

  private isSubject(node: TSESTree.Node, subject: Subject): boolean {
    const n = unwrap(node);
    if (n.type === AST_NODE_TYPES.Identifier) {
      if (subject.binding) return this.index.resolve(n) === subject.binding;
      return n.name === subject.text;
    }
    if (n.type === AST_NODE_TYPES.MemberExpression && !subject.binding) return normalise(this.text.slice(n.range[0], n.range[1])) === subject.text;
    // String(x), x.trim(), x.toLowerCase() stand for x in a check
    if (n.type === AST_NODE_TYPES.CallExpression) {
      const receiver = calleeObject(n);
      if (receiver && /^(?:trim|toLowerCase|toUpperCase|toString|normalize)$/.test(calleeName(n) ?? '')) return this.isSubject(receiver, subject);
      if (calleeName(n) === 'String' && n.arguments[0]) return this.isSubject(n.arguments[0], subject);
    }
    return false;
  }

  /**
   * Like `mentions`, but a check on one field of the subject (`msg.type === 'exec'`) says nothing
   * about the subject's other fields (`msg.code`); the parts that identify a URL still count.
   */
  private mentionsWhole(node: TSESTree.Node, subject: Subject): boolean {
    if (!this.mentions(node, subject)) return false;
    for (let n = unwrap(node); n.type === AST_NODE_TYPES.MemberExpression; n = unwrap(n.object)) {
      if (this.isSubject(n.object, subject)) return URL_PARTS.has(propertyName(n) ?? '');
    }
    return true;
  }

  /** The subject, or something computed from it: `new URL(x).hostname`, `parsed.host` (parsed = new URL(x)). */
  private mentions(node: TSESTree.Node, subject: Subject, depth = 0): boolean {
    if (depth > 4) return false;
    if (this.isSubject(node, subject)) return true;
    const n = unwrap(node);
    switch (n.type) {
      case AST_NODE_TYPES.MemberExpression:
        return this.mentions(n.object, subject, depth + 1);
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        const receiver = n.type === AST_NODE_TYPES.CallExpression ? calleeObject(n) : undefined;
        if (receiver && this.mentions(receiver, subject, depth + 1)) return true;
        return n.arguments.some((a) => this.mentions(a, subject, depth + 1));
      }
      case AST_NODE_TYPES.Identifier: {
        const def = this.singleDefinition(n);
        return !!def && this.mentions(def, subject, depth + 1);
      }
      default:
        return false;
    }
  }
}

/** Properties of a URL object that decide where it points: checking them vouches for the whole URL. */
const URL_PARTS = new Set(['hostname', 'host', 'origin', 'protocol', 'href', 'port']);

type SitePathFact = 'slash' | 'not-double';

function covers(protects: Protects | undefined, kind: SinkKind): boolean {
  return protects === ALL_KINDS || (!!protects && protects.includes(kind));
}

/** An anchored pattern with no unbounded wildcard lets only the characters it names through. */
function regexProtects(source: string | undefined): Protects | undefined {
  if (!source || !source.startsWith('^') || !(source.endsWith('$') || source.endsWith('$/'))) return undefined;
  const body = source.slice(1, -1);
  if (/(^|[^\\])\.[*+]|\\S|\\W|\\D/.test(body)) return undefined;
  // A class that admits both '.' and '/' still lets ../ through.
  const admitsDots = /\\\.|\[[^\]]*\.[^\]]*\]|(^|[^\\])\./.test(body);
  const admitsSlash = /\//.test(body);
  if (admitsDots && admitsSlash) return ['xss', 'command', 'sql', 'nosql', 'regex', 'header', 'log', 'code', 'url'];
  return ALL_KINDS;
}

/**
 * A value made only of the characters in `chars` (validator.isWhitelisted): safe for each sink whose
 * special characters are all left out. `0123456789+-*\/()` cannot name anything, so it is inert as
 * code (no letters, quotes or brackets), SQL and HTML; a path still needs the dot or the slash out.
 */
function charSetProtects(chars: string): Protects {
  const only = (allowed: RegExp): boolean => [...chars].every((c) => allowed.test(c));
  const kinds: SinkKind[] = ['nosql']; // validator.js accepts only strings, which are never operator objects
  if (only(/[^<>"'`&]/)) kinds.push('xss', 'template');
  if (only(/[^A-Za-z'"`\\]/)) kinds.push('sql');
  if (only(/[\w.,:=@%+/-]/)) kinds.push('command');
  if (!(chars.includes('.') && /[/\\]/.test(chars))) kinds.push('path');
  if (only(/[0-9+\-*/%().,<>=!&|^~?: \t]/)) kinds.push('code');
  if (only(/[^\r\n]/)) kinds.push('header', 'log');
  if (only(/[^:/\\]/)) kinds.push('url', 'redirect', 'ssrf');
  if (only(/[\w\s,:=@%/-]/)) kinds.push('regex', 'xpath');
  return kinds;
}

/** `/^https?:\/\//i`: a pattern anchored on a fixed scheme or a path rules out `javascript:` URLs. */
function schemeRegexProtects(source: string | undefined): Protects | undefined {
  if (!source) return undefined;
  return /^\^(?:\(\?:|\()?(?:https?|https\?|http|ftp|mailto|tel|\\\/)/i.test(source) ? ['url'] : undefined;
}

/** Whether a value that starts with `prefix` can no longer be a `javascript:`, `data:` or `vbscript:` URL. */
function isSchemeSafePrefix(prefix: string): boolean {
  const start = prefix.toLowerCase();
  if (!start) return false;
  return !['javascript:', 'data:', 'vbscript:'].some((scheme) => scheme.startsWith(start) || start.startsWith(scheme)) && !/^[\s\x00-\x1f]/.test(start);
}

/** Whether control never continues past the statement. */
export function exits(statement: TSESTree.Node): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ContinueStatement:
    case AST_NODE_TYPES.BreakStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.some(exits);
    case AST_NODE_TYPES.IfStatement:
      return exits(statement.consequent) && !!statement.alternate && exits(statement.alternate);
    case AST_NODE_TYPES.ExpressionStatement: {
      const expr = unwrap(statement.expression);
      return expr.type === AST_NODE_TYPES.CallExpression && /^process\.exit$/.test(memberText(expr.callee));
    }
    default:
      return false;
  }
}

function memberText(node: TSESTree.Node): string {
  const n = unwrap(node);
  if (n.type === AST_NODE_TYPES.Identifier) return n.name;
  if (n.type === AST_NODE_TYPES.MemberExpression && n.property.type === AST_NODE_TYPES.Identifier) return `${memberText(n.object)}.${n.property.name}`;
  return '';
}

function negate(operator: string): TSESTree.BinaryExpression['operator'] | undefined {
  switch (operator) {
    case '!==': return '===';
    case '!=': return '==';
    case '===': return '!==';
    case '==': return '!=';
    case '<': return '>=';
    case '<=': return '>';
    case '>': return '<=';
    case '>=': return '<';
    default: return undefined;
  }
}

function isMinusOne(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return n.type === AST_NODE_TYPES.UnaryExpression && n.operator === '-' && n.argument.type === AST_NODE_TYPES.Literal && n.argument.value === 1;
}

function isZero(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return n.type === AST_NODE_TYPES.Literal && n.value === 0;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, '').replace(/\?\./g, '.').replace(/\[['"`](\w+)['"`]\]/g, '.$1');
}
