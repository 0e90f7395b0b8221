// Mass assignment: the whole request body (or query) written into a database record, so a client
// can set fields it should not (`role`, `isAdmin`, `balance`, `ownerId`).
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, enclosingFunction, propertyName, unwrap, type TSESTree } from '../../api/ast';
import { shorten } from '../../api/text';
import type { AstRuleContext } from '../../api/types';

/** ORM and driver writes whose first argument is the record's values. */
const VALUES_FIRST = new Set(['create', 'insert', 'insertMany', 'insertOne', 'build', 'bulkCreate', 'save', 'upsert', 'patch', 'insertAndFetch', 'insertGraph', 'upsertGraph', 'createMany']);
/** Writes whose second argument is the new values (Mongoose, Objection). */
const VALUES_SECOND = new Set(['updateOne', 'updateMany', 'findOneAndUpdate', 'findByIdAndUpdate', 'replaceOne', 'findOneAndReplace', 'findByIdAndReplace', 'patchAndFetchById', 'updateAndFetchById']);
/** Copying into an existing object: the target must be a record for it to count. */
const ASSIGN_CALLS = new Set(['assign', 'extend', 'merge', 'defaults', 'assignIn', 'set']);
/** Prisma-style argument objects: `create({ data })`, `upsert({ create, update })`. */
const DATA_KEYS = new Set(['data', 'create', 'update']);
/** Calls that copy an object whole. */
const COPIES = /^(?:Object\.assign|_\.assign|_\.extend|_\.merge|_\.clone|_\.cloneDeep|structuredClone|JSON\.parse|JSON\.stringify|Object\.fromEntries|Object\.entries)$/;
/** Calls whose result is a loaded record. */
const LOADERS = /^(?:find|findOne|findById|findByPk|findOneBy|findOneByOrFail|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findOneOrFail|findOrFail|getById|fetch|load|findAndCountAll)$/;
/** Modules whose `update`/`set`/`create` are not record writes (digests, ciphers, caches). */
const NOT_RECORD_MODULES = /^(?:crypto|bcrypt|bcryptjs|js-sha\d*|hash\.js|md5|tweetnacl|node-forge|immutability-helper|lru-cache|node-cache|redis|ioredis|memcached|keyv)$/;
/** Constructors that take an object but do not make a record. */
const NOT_MODELS = new Set(['URL', 'URLSearchParams', 'Date', 'Error', 'Map', 'Set', 'Buffer', 'Promise', 'RegExp', 'ObjectId', 'Headers', 'Request', 'Response', 'FormData', 'Blob', 'Proxy', 'WeakMap', 'Worker']);

type MessageId = 'massAssignment' | 'massAssignmentKeys';

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-mass-assignment',
    type: 'problem',
    severity: 'high',
    docs: {
      title: 'Whole request body written into a record',
      cwe: ['CWE-915'],
      owasp: ['A08:2021-Software and Data Integrity Failures'],
    },
    fixable: null,
    messages: {
      massAssignment: '{{source}} is written whole into {{sink}}: a client can set any field of the record, such as `role`, `isAdmin` or `ownerId`. Pick the fields you accept.',
      massAssignmentKeys: 'Every key of {{source}} is copied into `{{sink}}`: a client can set any field of the record, such as `role`, `isAdmin` or `ownerId`. Copy only keys from an allow-list.',
    },
    sources: [
      { name: 'OWASP API Security Top 10: API3:2023 Broken Object Property Level Authorization', relation: 'inspired' },
      { name: 'OWASP Mass Assignment Cheat Sheet', relation: 'inspired' },
    ],
    tags: ['mass-assignment', 'orm'],
  },
  create(context) {
    const calls: Array<TSESTree.CallExpression | TSESTree.NewExpression> = [];
    const saves: TSESTree.CallExpression[] = [];
    const keyedWrites: TSESTree.AssignmentExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (!name) return;
        if (name === 'save' && node.arguments.length === 0) saves.push(node);
        else if (VALUES_FIRST.has(name) || VALUES_SECOND.has(name) || ASSIGN_CALLS.has(name) || name === 'update') calls.push(node);
      },
      NewExpression(node) {
        if (node.arguments.length > 0 && unwrap(node.callee).type === AST_NODE_TYPES.Identifier) calls.push(node);
      },
      AssignmentExpression(node) {
        const left = unwrap(node.left);
        if (left.type === AST_NODE_TYPES.MemberExpression && left.computed) keyedWrites.push(node);
      },
      'Program:exit'() {
        const checker = new Checker(context, saves);
        for (const call of calls) checker.checkCall(call);
        for (const write of keyedWrites) checker.checkKeyedWrite(write);
      },
    };
  },
});

class Checker {
  constructor(
    private readonly context: AstRuleContext<MessageId>,
    private readonly saves: TSESTree.CallExpression[],
  ) {}

  checkCall(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
    const name = calleeName(call)!;
    const args = call.arguments;
    const receiver = call.type === AST_NODE_TYPES.CallExpression ? calleeObject(call) : undefined;
    const receiverText = receiver ? this.text(receiver) : '';
    if (call.type === AST_NODE_TYPES.NewExpression) {
      if (NOT_MODELS.has(name) || !/^[A-Z]/.test(name) || !this.context.dataflow.definition(call.callee) && !this.isImported(call.callee)) return;
      this.reportIfWhole(args[0], `new ${name}()`);
      return;
    }
    if (receiverText === 'Object' && name !== 'assign') return;
    // hash.update(req.body), cipher.update(...): digests, not records
    const ref = this.context.dataflow.moduleRef(call.callee);
    if ((ref && NOT_RECORD_MODULES.test(ref.module)) || /\bcreate(?:Hash|Hmac|Cipheriv|Cipher|Decipheriv|Sign|Verify)\(/.test(receiverText)) return;
    if (ASSIGN_CALLS.has(name) && name !== 'set' && args.length >= 2) {
      // Object.assign(user, req.body), _.merge(user, req.body), repo.merge(user, req.body)
      const target = args[0]!;
      if (target.type === AST_NODE_TYPES.SpreadElement || !this.isRecord(target)) return;
      for (const arg of args.slice(1)) this.reportIfWhole(arg, `${receiverText ? `${receiverText}.` : ''}${name}(${this.text(target)}, ...)`);
      return;
    }
    if (name === 'set' && args.length === 1 && receiver && this.isRecord(receiver)) {
      this.reportIfWhole(args[0], `${receiverText}.set()`);
      return;
    }
    const sink = `${receiverText ? `${shorten(receiverText, 50)}.` : ''}${name}()`;
    if (name === 'update') {
      // Sequelize update(values, { where }) and instance.update(values); Mongoose update(filter, doc)
      const second = args[1] && args[1].type !== AST_NODE_TYPES.SpreadElement ? this.context.dataflow.objectLiteral(args[1]) : undefined;
      const sequelize = args.length === 1 || !!second?.properties.some((p) => p.type === AST_NODE_TYPES.Property && propertyName(p) === 'where');
      this.reportValues(sequelize ? args[0] : args[1], sink);
      return;
    }
    if (VALUES_SECOND.has(name)) {
      this.reportValues(args[1], sink);
      return;
    }
    if (VALUES_FIRST.has(name)) this.reportValues(args[0], sink);
  }

  /** `user[key] = req.body[key]` for every key the client sent, on a loaded record. */
  checkKeyedWrite(write: TSESTree.AssignmentExpression): void {
    const left = unwrap(write.left) as TSESTree.MemberExpression;
    if (!this.isRecord(left.object)) return;
    const verdict = this.context.dataflow.verdict(left.property, 'prototype');
    if (verdict.kind !== 'tainted' || verdict.taint.source.kind === 'exported-param') return;
    this.context.report({ node: write, messageId: 'massAssignmentKeys', data: { source: verdict.taint.source.label, sink: this.text(left.object) } });
  }

  /** A values argument: the whole body itself, or Prisma's `{ data: body }`, or Mongo's `{ $set: body }`. */
  private reportValues(arg: TSESTree.Node | undefined, sink: string): void {
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return;
    if (this.reportIfWhole(arg, sink)) return;
    const object = this.context.dataflow.objectLiteral(arg);
    if (!object) return;
    for (const prop of object.properties) {
      if (prop.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyName(prop);
      if (key && (DATA_KEYS.has(key) || key === '$set' || key === '$setOnInsert')) this.reportIfWhole(prop.value, sink);
    }
  }

  private reportIfWhole(arg: TSESTree.Node | undefined, sink: string): boolean {
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return false;
    const whole = this.wholeRequest(arg, 0);
    if (!whole) return false;
    this.context.report({ node: arg, messageId: 'massAssignment', data: { source: whole, sink } });
    return true;
  }

  /**
   * The request body, query or one of their sub-objects, as it reads in code, when `node` holds
   * all of it: directly, through a local constant, spread into a literal, or copied whole.
   * Picked fields, `_.pick`, destructuring and validated results are not whole.
   */
  private wholeRequest(input: TSESTree.Node, depth: number): string | undefined {
    if (depth > 5) return undefined;
    const node = unwrap(input);
    switch (node.type) {
      case AST_NODE_TYPES.MemberExpression: {
        let base: TSESTree.Node = node;
        while (base.type === AST_NODE_TYPES.MemberExpression) {
          const name = propertyName(base);
          const object = unwrap(base.object);
          if ((name === 'body' || name === 'query' || name === 'payload') && this.context.dataflow.isRequest(object) && !/^(?:ctx|context)$/.test(this.text(object))) {
            return shorten(this.text(node), 50);
          }
          if (name === undefined) return undefined;
          base = object;
        }
        return undefined;
      }
      case AST_NODE_TYPES.Identifier: {
        const definition = this.context.dataflow.definition(node);
        return definition ? this.wholeRequest(definition, depth + 1) : undefined;
      }
      case AST_NODE_TYPES.ObjectExpression:
        for (const prop of node.properties) {
          if (prop.type === AST_NODE_TYPES.SpreadElement) {
            const whole = this.wholeRequest(prop.argument, depth + 1);
            if (whole) return whole;
          }
        }
        return undefined;
      case AST_NODE_TYPES.LogicalExpression:
        return this.wholeRequest(node.left, depth + 1);
      case AST_NODE_TYPES.AwaitExpression:
        return this.wholeRequest(node.argument, depth + 1);
      case AST_NODE_TYPES.CallExpression: {
        const callee = this.text(node.callee);
        if (!COPIES.test(callee)) return undefined;
        for (const arg of node.arguments) {
          const whole = arg.type === AST_NODE_TYPES.SpreadElement ? undefined : this.wholeRequest(arg, depth + 1);
          if (whole) return whole;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** A loaded or new record: `await User.findById(id)`, `new User()`, or an object saved later with `.save()`. */
  private isRecord(input: TSESTree.Node): boolean {
    const node = unwrap(input);
    const definition = node.type === AST_NODE_TYPES.Identifier ? this.context.dataflow.definition(node) : undefined;
    if (definition) {
      let value = unwrap(definition);
      if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
      if (value.type === AST_NODE_TYPES.CallExpression && LOADERS.test(calleeName(value) ?? '')) return true;
      if (value.type === AST_NODE_TYPES.NewExpression && /^[A-Z]/.test(calleeName(value) ?? '') && !NOT_MODELS.has(calleeName(value)!)) return true;
    }
    const text = this.text(node);
    const fn = enclosingFunction(node);
    return this.saves.some((save) => {
      const receiver = calleeObject(save);
      return !!receiver && this.text(receiver) === text && enclosingFunction(save) === fn;
    });
  }

  private isImported(callee: TSESTree.Node): boolean {
    const ref = this.context.dataflow.moduleRef(callee);
    return !!ref && ref.module !== '#global';
  }

  private text(node: TSESTree.Node): string {
    return this.context.file.getText(node).replace(/\s+/g, '');
  }
}
