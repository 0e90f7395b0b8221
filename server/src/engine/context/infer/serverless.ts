// serverless.yml (Serverless Framework): each function's handler file, its HTTP events (API
// Gateway `http`/`httpApi`, function `url`) and whether they carry an authorizer, and the IAM
// statements of the provider and of each function.
import { posix } from 'node:path';
import { entries, get, items, LineIndex, path, str, type YNode } from '../yaml-tree';
import { resolvePath } from './containers';

export interface ServerlessFunction {
  name: string;
  line: number;
  /** Root-relative handler module without its extension ("src/handlers/create"), when local. */
  handler?: string;
  /** Events that let the network call the function. */
  http: Array<{ what: string; authenticated: boolean; line: number }>;
  /** Triggered by nothing but schedules. */
  scheduledOnly: boolean;
  permissions: Array<{ actions: string[]; line: number }>;
}

export interface ServerlessFacts {
  service?: string;
  functions: ServerlessFunction[];
  /** IAM statements every function runs with. */
  permissions: Array<{ actions: string[]; line: number }>;
}

export function readServerless(file: string, document: YNode | undefined, lines: LineIndex): ServerlessFacts {
  const dir = posix.dirname(file);
  const facts: ServerlessFacts = { functions: [], permissions: [] };
  const service = get(document, 'service');
  const serviceName = str(service) ?? str(get(service, 'name'));
  if (serviceName) facts.service = serviceName;
  const provider = get(document, 'provider');
  for (const statements of [path(provider, 'iam', 'role', 'statements'), get(provider, 'iamRoleStatements')]) facts.permissions.push(...allowedActions(statements, lines));

  for (const fn of entries(get(document, 'functions'))) {
    const body = fn.value;
    const result: ServerlessFunction = { name: fn.key, line: lines.line(fn.keyStart), http: [], scheduledOnly: false, permissions: [] };
    const handler = str(get(body, 'handler'));
    if (handler && !handler.includes('${')) {
      // "src/handlers/create.handler": the module is everything before the last dot.
      const module = handler.includes('.') ? handler.slice(0, handler.lastIndexOf('.')) : handler;
      const resolved = resolvePath(dir, module);
      if (resolved) result.handler = resolved;
    }
    const events = items(get(body, 'events'));
    for (const event of events) {
      for (const e of entries(event)) {
        const line = lines.line(e.keyStart);
        if (e.key === 'http' || e.key === 'httpApi') {
          const authorizer = get(e.value, 'authorizer');
          const authenticated = (authorizer !== undefined && !(authorizer.kind === 'scalar' && authorizer.value === null)) || get(e.value, 'private')?.kind === 'scalar' && (get(e.value, 'private') as { value: unknown }).value === true;
          const route = e.value.kind === 'scalar' ? str(e.value) ?? '' : `${(str(get(e.value, 'method')) ?? 'ANY').toUpperCase()} ${str(get(e.value, 'path')) ?? '/'}`;
          result.http.push({ what: `${e.key} event ${route}`.trim(), authenticated, line });
        } else if (e.key === 'alb') result.http.push({ what: 'ALB event', authenticated: false, line });
        else if (e.key === 'websocket') result.http.push({ what: 'websocket event', authenticated: get(e.value, 'authorizer') !== undefined, line });
      }
    }
    result.scheduledOnly = events.length > 0 && events.every((event) => entries(event).every((e) => e.key === 'schedule'));
    const url = get(body, 'url');
    if (url && !(url.kind === 'scalar' && (url.value === false || url.value === null))) {
      const authorizer = str(get(url, 'authorizer'));
      result.http.push({ what: 'function URL', authenticated: authorizer === 'aws_iam', line: lines.line(url.start) });
    }
    result.permissions.push(...allowedActions(get(body, 'iamRoleStatements'), lines));
    facts.functions.push(result);
  }
  return facts;
}

/** The actions of `Effect: Allow` statements (a `NotAction` allow counts as everything). */
function allowedActions(statements: YNode | undefined, lines: LineIndex): Array<{ actions: string[]; line: number }> {
  const result: Array<{ actions: string[]; line: number }> = [];
  for (const statement of items(statements)) {
    if ((str(get(statement, 'Effect')) ?? 'Allow') !== 'Allow') continue;
    const action = get(statement, 'Action');
    const actions = action?.kind === 'seq' ? action.items.map((a) => str(a)).filter((a): a is string => !!a) : str(action) ? [str(action)!] : get(statement, 'NotAction') ? ['*'] : [];
    if (actions.length) result.push({ actions, line: lines.line((action ?? statement).start) });
  }
  return result;
}
