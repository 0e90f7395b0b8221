// SQL injection: untrusted data concatenated or interpolated into the SQL text given to mysql/mysql2,
// pg, sqlite3, better-sqlite3, sequelize, knex, typeorm, prisma's *Unsafe methods and similar
// clients. Parameterised calls are safe. The fix turns whole SQL values into placeholders.
import { defineAstRule } from '../../api/define-rule';
import { AST_NODE_TYPES, calleeName, calleeObject, findProperty, isFunction, unwrap, type TSESTree } from '../../api/ast';
import type { AstRuleContext, Fix } from '../../api/types';
import type { Dataflow, ModuleRef, Taint } from '../../api/dataflow';
import { flowSteps } from '../../api/flow';
import { sqlPlaceholderFix } from './fix';

type MessageId = 'sqlInjection' | 'sqlInjectionAudit';

/** Client libraries whose calls run SQL text. */
const SQL_MODULES = /^(?:mysql|mysql2|mysql2\/promise|mariadb|pg|pg-pool|pg-promise|postgres|sqlite3|sqlite|better-sqlite3|sql\.js|mssql|oracledb|tedious|sequelize|@sequelize\/core|knex|objection|typeorm|@prisma\/client|@vercel\/postgres|@neondatabase\/serverless|@planetscale\/database|@libsql\/client|duckdb|bun:sqlite)$/;
/** Modules whose `exec`, `run` or `get` are something else (shells, files, regexes...). */
const NOT_SQL_MODULES = /^(?:child_process|shelljs|execa|fs|fs\/promises|fs-extra|vm|cross-spawn|lodash|underscore|axios|got|node-fetch|express|koa|redis|ioredis|mongoose|mongodb)$/;
/** Methods named for SQL whatever the receiver (knex, TypeORM and Prisma raw APIs). */
const RAW_METHODS = new Set([
  'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'andHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw',
  'selectRaw', 'onRaw', '$queryRawUnsafe', '$executeRawUnsafe',
]);
/** Methods that run SQL on a client, a pool or a database handle, when the text looks like SQL. */
const RUN_METHODS = new Set([
  'query', 'execute', 'exec', 'run', 'all', 'get', 'each', 'prepare', 'raw', 'literal', 'unsafe',
  // pg-promise
  'any', 'one', 'none', 'many', 'oneOrNone', 'manyOrNone', 'result', 'multi', 'multiResult',
  // mssql
  'batch',
]);
/** TypeORM query builder methods whose string argument is SQL (the condition of joins is third). */
const BUILDER_METHODS = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving', 'orderBy', 'addOrderBy', 'groupBy', 'addGroupBy', 'select', 'addSelect']);
const BUILDER_JOINS = new Set(['innerJoin', 'leftJoin', 'innerJoinAndSelect', 'leftJoinAndSelect', 'innerJoinAndMapOne', 'leftJoinAndMapOne', 'innerJoinAndMapMany', 'leftJoinAndMapMany']);
/** Sequelize finders whose `where` may be a raw SQL string (older Sequelize accepts one). */
const SEQUELIZE_FINDERS = new Set(['findAll', 'findOne', 'findAndCountAll', 'count', 'destroy', 'update', 'findOrCreate']);
/** Text that reads as SQL: a statement or a clause keyword. */
const SQL_TEXT = /\b(?:select\b[\s\S]*\bfrom\b|insert\s+(?:ignore\s+)?into\b|update\b[\s\S]*\bset\b|delete\s+from\b|replace\s+into\b|where\b|order\s+by\b|group\s+by\b|having\b|values\s*\(|union\s+(?:all\s+)?select\b|(?:inner|left|right|outer|cross)\s+join\b|create\s+(?:(?:temp|temporary|unique|or\s+replace)\s+)*(?:table|index|view|database)\b|drop\s+(?:table|index|view|database)\b|alter\s+table\b|truncate\s+table\b|pragma\b|exec(?:ute)?\s+\w+|call\s+\w+\s*\()/i;

export default defineAstRule<MessageId>({
  meta: {
    id: 'no-sql-injection',
    type: 'problem',
    severity: 'critical',
    docs: {
      title: 'Untrusted data in SQL text',
      cwe: ['CWE-89'],
      owasp: ['A03:2021-Injection'],
    },
    fixable: 'safe',
    messages: {
      sqlInjection: '{{source}} is built into the SQL text run by {{sink}}; an attacker can rewrite the query. Pass it as a parameter.',
      sqlInjectionAudit: '{{sink}} runs SQL built from a value Guardline could not trace; pass values as parameters.',
    },
    sources: [
      { name: 'semgrep: javascript.express.security.injection.tainted-sql-string', relation: 'inspired' },
      { name: 'semgrep: javascript.sequelize.security.audit.sequelize-injection-express', relation: 'inspired' },
    ],
    tags: ['injection', 'sql'],
  },
  create(context) {
    const calls: TSESTree.CallExpression[] = [];
    return {
      CallExpression(node) {
        const name = calleeName(node);
        if (name && node.arguments.length && (RUN_METHODS.has(name) || RAW_METHODS.has(name) || BUILDER_METHODS.has(name) || BUILDER_JOINS.has(name) || SEQUELIZE_FINDERS.has(name))) calls.push(node);
        else if (node.arguments.length && unwrap(node.callee).type === AST_NODE_TYPES.Identifier) calls.push(node); // imported `literal`, promisified `query`
      },
      'Program:exit'() {
        for (const call of calls) check(context, call);
      },
    };
  },
});

/** A call that runs SQL: where its SQL text is and how sure we are that it is SQL. */
interface SqlSink {
  label: string;
  sql: TSESTree.Node;
  /** The callee is a known SQL client or a method named for raw SQL: no need for the text to look like SQL. */
  certain: boolean;
  ref?: ModuleRef;
}

function check(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const sink = sinkOf(context, call);
  if (!sink) return;
  const { dataflow } = context;
  const pieces = sqlPieces(dataflow, sink.sql, 0);
  const looksLikeSql = SQL_TEXT.test(pieces.text);
  if (!sink.certain && !looksLikeSql) return;
  const verdict = dataflow.verdict(sink.sql, 'sql');
  if (verdict.kind === 'tainted') {
    // A library passing its caller's SQL through (`query(sql) { return pool.query(sql) }`) is an
    // API; report library parameters only when they are built into SQL text.
    if (verdict.taint.source.kind === 'exported-param' && !(pieces.built && looksLikeSql)) return;
    if (verdict.taint.source.kind === 'cli') return;
    context.report({
      node: sink.sql,
      messageId: 'sqlInjection',
      data: { source: verdict.taint.source.label, sink: sink.label },
      flow: flowSteps(verdict.taint, sink.sql, `${sink.label} runs it as SQL`),
      ...fixFor(context, call, sink, verdict.taint),
    });
  } else if (verdict.kind === 'unknown' && pieces.built && looksLikeSql) {
    context.report({ node: sink.sql, messageId: 'sqlInjectionAudit', data: { sink: sink.label }, confidence: 'audit', severity: 'medium' });
  }
}

function sinkOf(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression): SqlSink | undefined {
  const { dataflow } = context;
  const name = calleeName(call) ?? '';
  const args = call.arguments;
  const first = args[0];
  if (!first || first.type === AST_NODE_TYPES.SpreadElement) return undefined;
  const ref = dataflow.moduleRef(call.callee);
  if (ref && NOT_SQL_MODULES.test(ref.module) && !RAW_METHODS.has(name)) return undefined;
  const known = !!ref && SQL_MODULES.test(ref.module);
  const label = ref && known ? describeRef(ref) : `${name}()`;
  if (RAW_METHODS.has(name)) return { label, sql: first, certain: true, ref };
  if (SEQUELIZE_FINDERS.has(name)) return rawWhere(dataflow, call, name);
  if (BUILDER_METHODS.has(name) || BUILDER_JOINS.has(name)) {
    // TypeORM: repository.createQueryBuilder('u').where("u.name = '" + name + "'")
    if (!fromQueryBuilder(dataflow, calleeObject(call))) return undefined;
    const sql = BUILDER_JOINS.has(name) ? args[2] : first;
    if (!sql || sql.type === AST_NODE_TYPES.SpreadElement || dataflow.objectLiteral(sql) || isFunction(unwrap(sql))) return undefined;
    return { label: `TypeORM ${name}()`, sql, certain: true, ref };
  }
  // Sequelize.literal(x), sequelize.literal(x), import { literal } from 'sequelize'
  if (name === 'literal' || name === 'unsafe' || name === 'raw') {
    if (!known && call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    return { label, sql: first, certain: known, ref };
  }
  if (!RUN_METHODS.has(name) && !(known && ref?.path.length === 0)) return undefined;
  // { sql, values } (mysql) or { text, values } (pg) as the only argument
  const options = dataflow.objectLiteral(first);
  if (options) {
    const text = findProperty(options, 'sql') ?? findProperty(options, 'text');
    return text ? { label, sql: text.value, certain: known, ref } : undefined;
  }
  return { label, sql: first, certain: known && name !== 'get' && name !== 'all' && name !== 'run', ref };
}

/**
 * `Model.findAll({ where: "name = '" + name + "'" })` or `where: ['name = ' + name]`: a `where`
 * given as SQL text rather than an object of conditions.
 */
function rawWhere(dataflow: Dataflow, call: TSESTree.CallExpression, name: string): SqlSink | undefined {
  const options = call.arguments[name === 'update' ? 1 : 0];
  const literal = options && options.type !== AST_NODE_TYPES.SpreadElement ? dataflow.objectLiteral(options) : undefined;
  let where = literal && findProperty(literal, 'where')?.value;
  if (where && unwrap(where).type === AST_NODE_TYPES.ArrayExpression) {
    const first = (unwrap(where) as TSESTree.ArrayExpression).elements[0];
    where = first && first.type !== AST_NODE_TYPES.SpreadElement ? first : undefined;
  }
  const text = where && unwrap(where);
  if (!text || !(text.type === AST_NODE_TYPES.TemplateLiteral || (text.type === AST_NODE_TYPES.BinaryExpression && text.operator === '+'))) return undefined;
  return { label: `${name}() where`, sql: text, certain: true };
}

/** `mysql client.query()`, `Sequelize.literal()`, `knex()`: how the callee reads in a message. */
function describeRef(ref: ModuleRef): string {
  const { module, path } = ref;
  const method = path[path.length - 1];
  if (path.includes('()') || path.includes('new')) return method && method !== '()' && method !== 'new' ? `${module} client.${method}()` : `${module}()`;
  if (path.length >= 2) return `${path.join('.')}()`;
  return path.length === 1 ? `${module}.${path[0]}()` : `${module}()`;
}

/** Whether a receiver is (built from) `createQueryBuilder(...)`, directly or through a local. */
function fromQueryBuilder(dataflow: Dataflow, receiver: TSESTree.Node | undefined): boolean {
  let node = receiver && unwrap(receiver);
  for (let i = 0; node && i < 12; i++) {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      if (calleeName(node) === 'createQueryBuilder') return true;
      node = calleeObject(node);
    } else if (node.type === AST_NODE_TYPES.Identifier) {
      const definition = dataflow.definition(node);
      node = definition && unwrap(definition);
    } else if (node.type === AST_NODE_TYPES.AwaitExpression) node = unwrap(node.argument);
    else return false;
  }
  return false;
}

interface Pieces {
  /** The constant text, with `?` standing for each part that is not constant. */
  text: string;
  /** Built from constant text and other values (concatenation, template, `+=`), not a value alone. */
  built: boolean;
}

/** The constant text of a SQL expression, following local variables through every assignment. */
function sqlPieces(dataflow: Dataflow, input: TSESTree.Node, depth: number): Pieces {
  const node = unwrap(input);
  const constant = dataflow.constant(node);
  if (constant && (typeof constant.value === 'string' || typeof constant.value === 'number')) return { text: String(constant.value), built: false };
  if (depth > 6) return { text: '?', built: false };
  switch (node.type) {
    case AST_NODE_TYPES.BinaryExpression: {
      if (node.operator !== '+') return { text: '?', built: false };
      const left = sqlPieces(dataflow, node.left, depth + 1);
      const right = sqlPieces(dataflow, node.right, depth + 1);
      return { text: left.text + right.text, built: true };
    }
    case AST_NODE_TYPES.TemplateLiteral: {
      let text = '';
      node.quasis.forEach((quasi, i) => {
        text += quasi.value.cooked ?? '';
        const expression = node.expressions[i];
        if (expression) text += sqlPieces(dataflow, expression, depth + 1).text;
      });
      return { text, built: node.expressions.length > 0 };
    }
    case AST_NODE_TYPES.Identifier: {
      const definitions = dataflow.definitions(node);
      if (!definitions.length) return { text: '?', built: false };
      const parts = definitions.map((d) => sqlPieces(dataflow, d, depth + 1));
      return { text: parts.map((p) => p.text).join(' '), built: definitions.length > 1 || parts.some((p) => p.built) };
    }
    case AST_NODE_TYPES.ConditionalExpression: {
      const a = sqlPieces(dataflow, node.consequent, depth + 1);
      const b = sqlPieces(dataflow, node.alternate, depth + 1);
      return { text: `${a.text} ${b.text}`, built: a.built || b.built };
    }
    case AST_NODE_TYPES.CallExpression: {
      // 'SELECT ...'.concat(x), [parts].join(' '), util.format('SELECT %s', x)
      const name = calleeName(node);
      const receiver = calleeObject(node);
      if (name === 'concat' && receiver) {
        const parts = [receiver, ...node.arguments].map((a) => sqlPieces(dataflow, a, depth + 1).text);
        return { text: parts.join(''), built: true };
      }
      if (name === 'join' && receiver && unwrap(receiver).type === AST_NODE_TYPES.ArrayExpression) {
        const parts = (unwrap(receiver) as TSESTree.ArrayExpression).elements.map((e) => (e ? sqlPieces(dataflow, e, depth + 1).text : ''));
        return { text: parts.join(' '), built: true };
      }
      if (name === 'format' && node.arguments[0]) return { text: sqlPieces(dataflow, node.arguments[0], depth + 1).text, built: node.arguments.length > 1 };
      if (name === 'trim' && receiver) return sqlPieces(dataflow, receiver, depth + 1);
      // buildQuery(name): the text a local function returns
      const fn = node.callee.type === AST_NODE_TYPES.Identifier ? dataflow.definition(node.callee) : undefined;
      if (fn && isFunction(fn)) {
        const returned = returnedExpressions(fn).map((r) => sqlPieces(dataflow, r, depth + 1));
        return { text: returned.map((p) => p.text).join(' ') || '?', built: returned.some((p) => p.built) };
      }
      return { text: '?', built: false };
    }
    default:
      return { text: '?', built: false };
  }
}

function fixFor(context: AstRuleContext<MessageId>, call: TSESTree.CallExpression, sink: SqlSink, taint: Taint): { fix?: Fix } {
  if (taint.source.kind === 'cli') return {};
  const fix = sqlPlaceholderFix(context, call, sink.sql, sink.ref);
  return fix ? { fix } : {};
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
