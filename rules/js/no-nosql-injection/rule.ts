// NoSQL injection in MongoDB and Mongoose: request data used as a query, or as a value inside one,
// where a JSON body or query string can pass an operator object (`{"$ne": null}`), and JavaScript
// built from data for `$where`, `$function`, `$accumulator` and `mapReduce`. Also a request object
// passed whole as the parameters of a DynamoDB call (table, key and expressions chosen by the caller).
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, enclosingFunction, isFunction, propertyName, unwrap, type FunctionNode, type TSESTree } from '../../api/ast';
import type { AstRuleContext } from '../../api/types';
import type { SinkKind, Taint } from '../../api/dataflow';
import { flowSteps } from '../../api/flow';

type MessageId = 'operatorInjection' | 'wholeQuery' | 'codeInjection' | 'codeAudit';

/** Query methods of MongoDB collections and Mongoose models: first argument is the filter. */
const QUERY_METHODS = new Set([
  'find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndRemove', 'findOneAndReplace', 'updateOne', 'updateMany',
  'deleteOne', 'deleteMany', 'replaceOne', 'countDocuments', 'estimatedDocumentCount', 'update', 'remove', 'count', 'exists',
]);
/** Methods whose only sensible receiver is a collection or model: a request value as the whole filter is a finding. */
const MONGO_ONLY_METHODS = new Set([
  'find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndRemove', 'findOneAndReplace', 'updateOne', 'updateMany',
  'deleteOne', 'deleteMany', 'replaceOne', 'countDocuments',
]);
/** Methods of a fetched record (Mongoose document, Sequelize instance) whose argument is new values, not a filter. */
const INSTANCE_UPDATE_METHODS = new Set(['update', 'updateOne', 'replaceOne']);
/** Queries that resolve to one record, which then has instance methods. */
const SINGLE_RECORD_QUERIES = new Set([
  'findOne', 'findById', 'findByPk', 'findOneAndUpdate', 'findByIdAndUpdate', 'findOneAndReplace', 'create', 'save', 'reload', 'build', 'findOrFail',
]);
/** Mongoose `findById(id)`: the id is cast with `{ _id: id }`, so an object id is an operator. */
const BY_ID_METHODS = new Set(['findById', 'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove']);
/** Operators whose value is a list of filters. */
const LOGICAL_OPERATORS = new Set(['$and', '$or', '$nor']);
/** Keys whose string value MongoDB runs as JavaScript. */
const CODE_KEYS = new Set(['$where', 'body', 'init', 'accumulate', 'merge', 'finalize']);
/** Database libraries a file may import: with only SQL ORMs in sight, `repo.findOne({...})` is not MongoDB. */
const SQL_ORM_MODULES = /^(?:typeorm|@nestjs\/typeorm|sequelize|sequelize-typescript|@sequelize\/core|@prisma\/client|knex|objection|@mikro-orm\/.+|bookshelf|waterline)$/;
const MONGO_MODULES = /^(?:mongoose|mongodb|@nestjs\/mongoose|monk|mongojs|marsdb|@typegoose\/typegoose|mongoist)$/;
/** Modules whose `find`/`update`/`remove` are not MongoDB queries. */
/** DynamoDB DocumentClient/DynamoDB (SDK v2) methods whose first argument is the whole request. */
const DYNAMO_METHODS = new Set([
  'query', 'scan', 'get', 'put', 'update', 'delete', 'batchGet', 'batchWrite', 'transactGet', 'transactWrite', 'getItem', 'putItem',
  'updateItem', 'deleteItem', 'batchGetItem', 'batchWriteItem', 'transactGetItems', 'transactWriteItems', 'executeStatement',
]);
const DYNAMO_MODULES = /^(?:aws-sdk|aws-sdk\/clients\/dynamodb|@aws-sdk\/client-dynamodb|@aws-sdk\/lib-dynamodb)$/;
const OTHER_MODULES = /^(?:fs|fs\/promises|fs-extra|lodash(?:\/.*)?|underscore|ramda|sequelize|knex|typeorm|@prisma\/client|objection|mysql2?|pg|sqlite3?|better-sqlite3|redis|ioredis|node-cache|lru-cache|lowdb)$/;

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-nosql-injection',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Request data can change a MongoDB query',
      cwe: ['CWE-943'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: null,
    messages: {
      operatorInjection: '{{source}} is used as a value in the {{sink}} query; a JSON body or query string such as `{"$ne": null}` turns it into a query operator.',
      wholeQuery: '{{source}} is used as the {{sink}} query itself; an attacker chooses its conditions and operators.',
      codeInjection: '{{source}} is built into JavaScript that MongoDB runs ({{sink}}); an attacker can run their own code in the database.',
      codeAudit: '{{sink}} runs JavaScript built from a value Guardline could not trace; make sure it cannot contain user input.',
    },
    sources: [{ name: 'semgrep: javascript.express.security.injection.express-mongo-nosqli', relation: 'inspired' }],
    tags: ['injection', 'nosql', 'mongodb'],
  },
  // Prefilter: MongoDB query methods and the DynamoDB clients.
  prefilter: ['find', 'update', 'delete', 'replaceone', 'count', 'remove', 'exists', 'distinct', 'aggregate', '$where', 'mapreduce', 'aws-sdk', 'dynamodb'],
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    const dynamo: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const imported: string[] = [];
    let filtersSanitised = false;
    return {
      ImportDeclaration(node) {
        imported.push(String(node.source.value));
      },
      NewExpression(node) {
        if (node.arguments.length && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name.endsWith('Command')) dynamo.push(node);
      },
      CallExpression(node) {
        const name = calleeName(node);
        if (!name) return;
        if (DYNAMO_METHODS.has(name) && node.arguments.length && node.callee.type === AST_NODE_TYPES.MemberExpression) dynamo.push(node);
        const source = name === 'require' ? node.arguments[0] : undefined;
        if (source?.type === AST_NODE_TYPES.Literal && typeof source.value === 'string') imported.push(source.value);
        // app.use(mongoSanitize()), mongoose.set('sanitizeFilter', true): operators are stripped or rejected everywhere
        if (/^(?:mongoSanitize|expressMongoSanitize)$/.test(name)) filtersSanitised = true;
        else if (name === 'set' && node.arguments.length >= 2 && context.file.getText(node.arguments[0]!).includes('sanitizeFilter')) filtersSanitised = true;
        else if (node.arguments.length && (QUERY_METHODS.has(name) || BY_ID_METHODS.has(name) || name === 'distinct' || name === 'aggregate' || name === '$where' || name === 'mapReduce')) calls.push(node);
      },
      'Program:exit'() {
        // A file that works with an SQL ORM and no MongoDB library: its `findOne({ ... })` calls are the ORM's.
        const sqlOnly = imported.some((m) => SQL_ORM_MODULES.test(m)) && !imported.some((m) => MONGO_MODULES.test(m));
        for (const call of calls) new QueryCheck(context, call, filtersSanitised, sqlOnly).run();
        for (const node of dynamo) checkDynamo(context, node);
      },
    };
  },
});

/**
 * `documentClient.query(req.body.params)`, `new QueryCommand(event.body.params)`: the caller's object
 * is the whole DynamoDB request, so it picks the table, the key and the filter expressions. A
 * literal whose fields hold request values is the normal, safe shape; a spread of the request is not.
 */
function checkDynamo(context: AstRuleContext<MessageId>, node: TSESTree.CallExpression | TSESTree.NewExpression): void {
  const { dataflow } = context;
  const ref = dataflow.moduleRef(node.callee);
  if (!ref || !DYNAMO_MODULES.test(ref.module)) return;
  const last = ref.path[ref.path.length - 1] ?? '';
  if (node.type === AST_NODE_TYPES.NewExpression) {
    if (ref.path.length !== 1 || !last.endsWith('Command')) return;
  } else {
    // a method of a client instance: new AWS.DynamoDB.DocumentClient().query(...)
    if (!DYNAMO_METHODS.has(last) || !ref.path.includes('new')) return;
    if (ref.module === 'aws-sdk' && ref.path[0] !== 'DynamoDB') return;
  }
  const params = node.arguments[0];
  if (!params || params.type === AST_NODE_TYPES.SpreadElement) return;
  const literal = dataflow.objectLiteral(params);
  const wholes = literal ? literal.properties.flatMap((p) => (p.type === AST_NODE_TYPES.SpreadElement ? [p.argument] : [])) : [params];
  const sink = node.type === AST_NODE_TYPES.NewExpression ? `DynamoDB ${last}` : `DynamoDB ${last}()`;
  for (const whole of wholes) {
    const verdict = dataflow.verdict(whole, 'nosql');
    if (verdict.kind !== 'tainted' || !['http', 'socket'].includes(verdict.taint.source.kind)) continue;
    context.report({
      node: whole,
      messageId: 'wholeQuery',
      data: { source: verdict.taint.source.label, sink },
      flow: flowSteps(verdict.taint, whole, `${sink} takes it as its request parameters`),
    });
    return;
  }
}

class QueryCheck {
  private readonly method: string;
  private readonly sink: string;
  private reported = false;

  constructor(
    private readonly context: AstRuleContext<MessageId>,
    private readonly call: TSESTree.CallExpression,
    private readonly filtersSanitised: boolean,
    private readonly sqlOnly: boolean,
  ) {
    this.method = calleeName(call) ?? '';
    this.sink = `${this.method}()`;
  }

  run(): void {
    const { call, method } = this;
    if (call.callee.type !== AST_NODE_TYPES.MemberExpression || !this.mayBeMongo()) return;
    // user.update({ profileImage: url }) on a record already fetched: its own values, not a filter
    if (INSTANCE_UPDATE_METHODS.has(method) && isFetchedRecord(this.context, calleeObject(call)!, 0)) return;
    const args = call.arguments;
    if (method === '$where') return this.checkCode(args[0]!, '$where()');
    if (method === 'mapReduce') {
      const options = this.context.dataflow.objectLiteral(args[0]!);
      if (options) return this.walkExpression(options);
      for (const fn of args.slice(0, 2)) this.checkCode(fn, 'mapReduce()');
      return;
    }
    if (method === 'aggregate') return this.checkPipeline(args[0]!);
    if (BY_ID_METHODS.has(method)) return this.checkValue(args[0]!);
    const filter = method === 'distinct' ? args[1] : args[0];
    if (!filter || filter.type === AST_NODE_TYPES.SpreadElement) return;
    // `{ sanitizeFilter: true }` in the options of this one query
    if (args.slice(1).some((a) => this.context.file.getText(a).includes('sanitizeFilter: true'))) return;
    this.checkFilter(filter, MONGO_ONLY_METHODS.has(method) || method === 'distinct', 0);
  }

  /** A receiver that could be a collection or model: not fs, lodash, an SQL ORM, an array of callbacks. */
  private mayBeMongo(): boolean {
    const receiver = calleeObject(this.call);
    const ref = receiver ? this.context.dataflow.moduleRef(receiver) : undefined;
    if (ref) return !OTHER_MODULES.test(ref.module);
    return !this.sqlOnly;
  }

  /** A filter document: its fields, operators and nested filters. */
  private checkFilter(filter: TSESTree.Node, wholeIsQuery: boolean, depth: number): void {
    if (depth > 4) return;
    const literals = this.literalsOf(filter);
    if (!literals.length) {
      if (wholeIsQuery) this.reportTaint(filter, 'nosql', 'wholeQuery');
      return;
    }
    // const query = {}; query.owner = req.body.owner;
    for (const write of this.writesAfter(filter)) {
      const key = propertyName(write.left);
      if (key === undefined) this.reportTaint(write.left.property, 'nosql', 'wholeQuery');
      else this.checkEntry(key, write.right, depth);
    }
    for (const literal of literals) {
      // A filter with `where` is an SQL ORM's options object (Sequelize, TypeORM, Prisma).
      if (literal.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyName(p) === 'where')) continue;
      for (const prop of literal.properties) {
        if (prop.type === AST_NODE_TYPES.SpreadElement) {
          this.reportTaint(prop.argument, 'nosql', 'wholeQuery');
          continue;
        }
        const key = propertyName(prop);
        if (key === undefined) {
          // { [req.query.field]: value }: the attacker picks the field, `$where` included
          if (prop.computed) this.reportTaint(prop.key, 'nosql', 'wholeQuery');
          continue;
        }
        this.checkEntry(key, prop.value, depth);
      }
    }
  }

  private checkEntry(key: string, value: TSESTree.Node, depth: number): void {
    if (key === '$where') return this.checkCode(value, '$where');
    if (key === '$expr') return this.walkExpression(value);
    if (LOGICAL_OPERATORS.has(key)) {
      const list = unwrap(value);
      if (list.type === AST_NODE_TYPES.ArrayExpression) {
        for (const element of list.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) this.checkFilter(element, true, depth + 1);
      } else this.reportTaint(value, 'nosql', 'wholeQuery');
      return;
    }
    const literal = this.context.dataflow.objectLiteral(value);
    if (literal) {
      // { age: { $gt: x } }: operators the developer wrote compare with their values as data
      for (const prop of literal.properties) {
        if (prop.type === AST_NODE_TYPES.Property && propertyName(prop) === '$elemMatch') this.checkFilter(prop.value, true, depth + 1);
        if (prop.type === AST_NODE_TYPES.SpreadElement) this.reportTaint(prop.argument, 'nosql', 'operatorInjection');
      }
      return;
    }
    if (unwrap(value).type === AST_NODE_TYPES.ArrayExpression) return; // equality with an array
    this.checkValue(value);
  }

  /** `filter.field = value` assignments between the declaration of a local filter and this query. */
  private writesAfter(filter: TSESTree.Node): Array<TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression }> {
    const id = unwrap(filter);
    const definition = id.type === AST_NODE_TYPES.Identifier ? this.context.dataflow.definition(id) : undefined;
    if (!definition || id.type !== AST_NODE_TYPES.Identifier) return [];
    let scope: TSESTree.Node | undefined = definition.parent;
    while (scope && !isFunction(scope) && scope.type !== AST_NODE_TYPES.Program) scope = scope.parent;
    const writes: Array<TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression }> = [];
    const stack: TSESTree.Node[] = scope ? [scope] : [];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=' && node.left.type === AST_NODE_TYPES.MemberExpression) {
        const object = unwrap(node.left.object);
        if (object.type === AST_NODE_TYPES.Identifier && object.name === id.name && node.range[0] > definition.range[1] && node.range[0] < this.call.range[0]) {
          writes.push(node as TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression });
        }
      }
      for (const key of Object.keys(node) as Array<keyof typeof node>) {
        if (key === 'parent') continue;
        const child = node[key] as unknown;
        if (Array.isArray(child)) {
          for (const c of child) if (c && typeof (c as TSESTree.Node).type === 'string') stack.push(c as TSESTree.Node);
        } else if (child && typeof (child as TSESTree.Node).type === 'string') {
          stack.push(child as TSESTree.Node);
        }
      }
    }
    return writes;
  }

  /** A field value: request data that may be an object is an operator. */
  private checkValue(value: TSESTree.Node): void {
    this.reportTaint(value, 'nosql', 'operatorInjection');
  }

  /** An aggregation pipeline: `$match` stages are filters, and `$function` bodies are code. */
  private checkPipeline(pipeline: TSESTree.Node): void {
    const list = unwrap(pipeline);
    if (list.type !== AST_NODE_TYPES.ArrayExpression) {
      this.reportTaint(pipeline, 'nosql', 'wholeQuery');
      return;
    }
    for (const stage of list.elements) {
      if (!stage || stage.type === AST_NODE_TYPES.SpreadElement) {
        if (stage) this.reportTaint(stage.argument, 'nosql', 'wholeQuery');
        continue;
      }
      const literal = this.context.dataflow.objectLiteral(stage);
      if (!literal) {
        this.reportTaint(stage, 'nosql', 'wholeQuery');
        continue;
      }
      for (const prop of literal.properties) {
        if (prop.type !== AST_NODE_TYPES.Property) continue;
        if (propertyName(prop) === '$match') this.checkFilter(prop.value, true, 1);
        else this.walkExpression(prop.value);
      }
    }
  }

  /** Aggregation expressions: look for `$function`/`$accumulator` code and request data used as an expression. */
  private walkExpression(node: TSESTree.Node, depth = 0): void {
    if (depth > 6) return;
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.ArrayExpression) {
      for (const element of value.elements) if (element) this.walkExpression(element.type === AST_NODE_TYPES.SpreadElement ? element.argument : element, depth + 1);
      return;
    }
    const literal = this.context.dataflow.objectLiteral(value);
    if (!literal) {
      if (!isFunction(value)) this.reportTaint(value, 'nosql', 'operatorInjection');
      return;
    }
    for (const prop of literal.properties) {
      if (prop.type === AST_NODE_TYPES.SpreadElement) {
        this.reportTaint(prop.argument, 'nosql', 'wholeQuery');
        continue;
      }
      const key = propertyName(prop) ?? '';
      if (CODE_KEYS.has(key) || key === 'map' || key === 'reduce') this.checkCode(prop.value, key.startsWith('$') ? key : `${key} code`);
      else if (key === '$match') this.checkFilter(prop.value, true, 1);
      else this.walkExpression(prop.value, depth + 1);
    }
  }

  /** JavaScript the database runs: built from untrusted text it is code injection. */
  private checkCode(code: TSESTree.Node, where: string): void {
    const value = unwrap(code);
    if (isFunction(value)) return; // a function is serialised from source code, not from data
    const verdict = this.context.dataflow.verdict(code, 'code');
    const sink = where === '$where()' || where === 'mapReduce()' ? where : `${where} in ${this.sink}`;
    if (verdict.kind === 'tainted') {
      this.context.report({
        node: code,
        messageId: 'codeInjection',
        data: { source: verdict.taint.source.label, sink },
        flow: flowSteps(verdict.taint, code, `MongoDB runs it as JavaScript (${sink})`),
        severity: 'critical',
      });
    } else if (verdict.kind === 'unknown' && !this.context.dataflow.constant(code)) {
      this.context.report({ node: code, messageId: 'codeAudit', data: { sink }, confidence: 'audit', severity: 'medium' });
    }
  }

  private reportTaint(node: TSESTree.Node, kind: SinkKind, messageId: 'operatorInjection' | 'wholeQuery'): void {
    if (this.filtersSanitised || this.reported) return;
    const taint = this.context.dataflow.taint(node, kind);
    if (!taint) return;
    // one finding per query: the first field an attacker can turn into an operator
    this.reported = true;
    this.report(node, taint, messageId);
  }

  private report(node: TSESTree.Node, taint: Taint, messageId: 'operatorInjection' | 'wholeQuery'): void {
    // A value written into the filter elsewhere is reported at the query that runs it.
    const inCall = node.range[0] >= this.call.range[0] && node.range[1] <= this.call.range[1];
    const at = inCall ? node : this.call.arguments[0] ?? this.call;
    const steps = flowSteps(taint, node, `${this.sink} reads it as part of the query`);
    this.context.report({
      node: at,
      messageId,
      data: { source: taint.source.label, sink: this.sink },
      flow: inCall ? steps : [...steps.slice(0, -1), { start: node.range[0], end: node.range[1], label: 'written into the query' }, { start: at.range[0], end: at.range[1], label: `${this.sink} runs the query` }],
    });
  }

  /**
   * The object literals a filter stands for: a literal, a local constant, a local function's
   * returned literals (`find(criteria())`), or both arms of a conditional.
   */
  private literalsOf(node: TSESTree.Node, depth = 0): TSESTree.ObjectExpression[] {
    const value = unwrap(node);
    if (depth > 4) return [];
    const literal = this.context.dataflow.objectLiteral(value);
    if (literal) return [literal];
    if (value.type === AST_NODE_TYPES.ConditionalExpression) return [...this.literalsOf(value.consequent, depth + 1), ...this.literalsOf(value.alternate, depth + 1)];
    if (value.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.Identifier) {
      const fn = this.context.dataflow.definition(value.callee);
      if (fn && isFunction(fn)) return returnedExpressions(fn).flatMap((r) => this.literalsOf(r, depth + 1));
    }
    return [];
  }
}

/**
 * Whether an expression is one record a query returned: `await User.findByPk(id)`, `new User(...)`,
 * the value of `User.findOne(...).then((user) => ...)`, or the result parameter of a Node-style
 * callback (`User.findById(id, (err, user) => ...)`).
 */
function isFetchedRecord(context: AstRuleContext<MessageId>, input: TSESTree.Node, depth: number): boolean {
  if (depth > 3) return false;
  const node = unwrap(input);
  if (node.type === AST_NODE_TYPES.AwaitExpression) {
    const inner = unwrap(node.argument);
    return inner.type === AST_NODE_TYPES.CallExpression && SINGLE_RECORD_QUERIES.has(calleeName(inner) ?? '');
  }
  if (node.type === AST_NODE_TYPES.NewExpression) return calleeName(node) !== undefined && /^[A-Z]/.test(calleeName(node)!);
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const values = context.dataflow.definitions(node);
  if (values.length) return values.every((value) => isFetchedRecord(context, value, depth + 1));
  const param = parameterOf(node);
  const call = param?.fn.parent;
  if (!param || call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(param.fn as TSESTree.CallExpressionArgument)) return false;
  // Model.findOne(filter).then((user) => ...), including a .catch or .exec() in between
  if (calleeName(call) === 'then' && param.index === 0) {
    let source = calleeObject(call) && unwrap(calleeObject(call)!);
    while (source?.type === AST_NODE_TYPES.CallExpression && /^(?:exec|lean|populate|select)$/.test(calleeName(source) ?? '')) source = calleeObject(source) && unwrap(calleeObject(source)!);
    return source?.type === AST_NODE_TYPES.CallExpression && SINGLE_RECORD_QUERIES.has(calleeName(source) ?? '');
  }
  // Model.findById(id, (err, user) => ...)
  return param.index === 1 && call.arguments[call.arguments.length - 1] === param.fn && SINGLE_RECORD_QUERIES.has(calleeName(call) ?? '');
}

/** The function whose parameter an identifier names, and its position (a plain identifier parameter). */
function parameterOf(id: TSESTree.Identifier): { fn: FunctionNode; index: number } | undefined {
  for (let fn = enclosingFunction(id); fn; fn = enclosingFunction(fn)) {
    const index = fn.params.findIndex((p) => p.type === AST_NODE_TYPES.Identifier && p.name === id.name);
    if (index >= 0) return { fn, index };
  }
  return undefined;
}

/** The expressions a function returns, not counting nested functions. */
function returnedExpressions(fn: TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression): TSESTree.Node[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const found: TSESTree.Node[] = [];
  const stack: TSESTree.Node[] = [fn.body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) found.push(node.argument);
      continue;
    }
    if (isFunction(node)) continue;
    for (const key of Object.keys(node) as Array<keyof typeof node>) {
      if (key === 'parent') continue;
      const child = node[key] as unknown;
      if (Array.isArray(child)) {
        for (const c of child) if (c && typeof (c as TSESTree.Node).type === 'string') stack.push(c as TSESTree.Node);
      } else if (child && typeof (child as TSESTree.Node).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
  return found;
}
