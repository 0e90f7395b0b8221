// Per-resource editor settings: asked of the client with `workspace/configuration`, cached per
// resource as a promise, cleared when the client says settings changed. Never kept in globals.
import type { Connection } from 'vscode-languageserver/node';
import { DEFAULT_CLIENT_SETTINGS, PRIORITY_LEVELS, type GuardlineClientSettings, type PriorityLevel, type RuleOverride } from '../protocol';

export class SettingsCache {
  private readonly cache = new Map<string, Promise<GuardlineClientSettings>>();

  /** `canAsk`: the client supports `workspace/configuration`; otherwise `fallback` applies everywhere. */
  constructor(
    private readonly connection: Connection,
    private readonly canAsk: () => boolean,
    private fallback: GuardlineClientSettings = DEFAULT_CLIENT_SETTINGS,
  ) {}

  get(resource: string): Promise<GuardlineClientSettings> {
    if (!this.canAsk()) return Promise.resolve(this.fallback);
    let settings = this.cache.get(resource);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: resource, section: 'guardline' }).then(
        (value: unknown) => normalise(value),
        () => DEFAULT_CLIENT_SETTINGS,
      );
      this.cache.set(resource, settings);
    }
    return settings;
  }

  forget(resource: string): void {
    this.cache.delete(resource);
  }

  /** After `workspace/didChangeConfiguration`; `pushed` is what a client without pull sent, if any. */
  clear(pushed?: unknown): void {
    this.cache.clear();
    if (pushed !== undefined && pushed !== null) this.fallback = normalise((pushed as { guardline?: unknown }).guardline ?? pushed);
  }
}

/** Turns whatever the client sent into complete, valid settings (bad values fall back to defaults). */
function normalise(value: unknown): GuardlineClientSettings {
  const input = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const rules: Record<string, RuleOverride> = {};
  if (input.rules && typeof input.rules === 'object' && !Array.isArray(input.rules)) {
    for (const [id, setting] of Object.entries(input.rules as Record<string, unknown>)) {
      if (setting === 'off' || isLevel(setting)) rules[id] = setting;
    }
  }
  return {
    enable: typeof input.enable === 'boolean' ? input.enable : DEFAULT_CLIENT_SETTINGS.enable,
    rules,
    minimumPriority: isLevel(input.minimumPriority) ? input.minimumPriority : DEFAULT_CLIENT_SETTINGS.minimumPriority,
    audit: typeof input.audit === 'boolean' ? input.audit : DEFAULT_CLIENT_SETTINGS.audit,
  };
}

function isLevel(value: unknown): value is PriorityLevel {
  return typeof value === 'string' && (PRIORITY_LEVELS as readonly string[]).includes(value);
}

/** Whether a finding of `level` is shown under `minimum`. */
export function meetsMinimum(level: PriorityLevel, minimum: PriorityLevel): boolean {
  return PRIORITY_LEVELS.indexOf(level) <= PRIORITY_LEVELS.indexOf(minimum);
}
