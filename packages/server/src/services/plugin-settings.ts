import type { SettingSpec } from '@resoftai/plugins';
import { z } from 'zod';
import type { PluginInstallationRow } from '../db/repositories/plugins.ts';
import { AppError } from '../errors.ts';
import type { SecretBox } from '../security/secret-box.ts';

export type SettingSpecs = Record<string, SettingSpec>;
/** A settings change: each key replaces the stored value, `null` removes it. */
export type SettingsPatch = Record<string, unknown>;

export interface PluginSettingsView {
  slug: string;
  /** Values of the settings that are not secret, defaults filled in. */
  settings: Record<string, unknown>;
  /** Names of the secret settings that hold a value (the values are never returned). */
  secrets_set: string[];
  /** Required settings still without a value: the plugin does not run until they are set. */
  missing_required: string[];
  updated_at: string;
}

function valueSchema(spec: SettingSpec): z.ZodType {
  switch (spec.type) {
    case 'string':
      return spec.format === 'url' ? z.url({ protocol: /^https?$/ }).max(spec.max_length) : z.string().min(1).max(spec.max_length);
    case 'boolean':
      return z.boolean();
    case 'integer': {
      let schema = z.int();
      if (spec.min !== undefined) schema = schema.min(spec.min);
      if (spec.max !== undefined) schema = schema.max(spec.max);
      return schema;
    }
    case 'enum':
      return z.enum(spec.options as [string, ...string[]]);
  }
}

const sealContext = (installationId: number, key: string): string => `plugin-setting:${installationId}:${key}`;

/** Validates a patch against the installed version's declared settings: 422 naming every bad key. */
export function validateSettingsPatch(specs: SettingSpecs, patch: SettingsPatch): SettingsPatch {
  const shape = Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, valueSchema(spec).nullable().optional()]));
  const parsed = z.strictObject(shape).safeParse(patch);
  if (parsed.success) return parsed.data as SettingsPatch;
  const validation = parsed.error.issues.map((issue) => issue.code === 'unrecognized_keys'
    ? { loc: ['body', ...issue.keys], msg: `The plugin declares no setting ${issue.keys.join(', ')} (it has: ${Object.keys(specs).join(', ') || 'none'})`, type: issue.code }
    : { loc: ['body', ...issue.path.map(String)], msg: issue.message, type: issue.code });
  throw new AppError(422, validation.map((problem) => `${problem.loc.slice(1).join('.')}: ${problem.msg}`).join('; '), { validation });
}

/** The stored settings after a validated patch; secret values are sealed to this installation. */
export function applySettingsPatch(
  box: SecretBox,
  installation: Pick<PluginInstallationRow, 'id' | 'settings' | 'sealedSettings'>,
  specs: SettingSpecs,
  patch: SettingsPatch,
): Pick<PluginInstallationRow, 'settings' | 'sealedSettings'> {
  const settings = { ...installation.settings };
  const sealedSettings = { ...installation.sealedSettings };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const spec = specs[key]!;
    const secret = spec.type === 'string' && spec.secret;
    delete settings[key];
    delete sealedSettings[key];
    if (value === null) continue;
    if (secret) sealedSettings[key] = box.seal(String(value), sealContext(installation.id, key));
    else settings[key] = value;
  }
  return { settings, sealedSettings };
}

/** Keeps only the values a (new) version still declares with the same secrecy. */
export function keepDeclaredSettings(
  installation: Pick<PluginInstallationRow, 'settings' | 'sealedSettings'>,
  specs: SettingSpecs,
): Pick<PluginInstallationRow, 'settings' | 'sealedSettings'> {
  const isSecret = (key: string) => { const spec = specs[key]; return spec?.type === 'string' && spec.secret; };
  return {
    settings: Object.fromEntries(Object.entries(installation.settings).filter(([key]) => key in specs && !isSecret(key))),
    sealedSettings: Object.fromEntries(Object.entries(installation.sealedSettings).filter(([key]) => isSecret(key))),
  };
}

const hasValue = (installation: Pick<PluginInstallationRow, 'settings' | 'sealedSettings'>, key: string, spec: SettingSpec): boolean =>
  key in installation.settings || key in installation.sealedSettings || spec.default !== undefined;

export function missingRequired(installation: Pick<PluginInstallationRow, 'settings' | 'sealedSettings'>, specs: SettingSpecs): string[] {
  return Object.entries(specs).filter(([key, spec]) => spec.required && !hasValue(installation, key, spec)).map(([key]) => key);
}

/** What handlers see: every value with defaults filled in and secrets opened. */
export function openSettings(box: SecretBox, installation: Pick<PluginInstallationRow, 'id' | 'settings' | 'sealedSettings'>, specs: SettingSpecs): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const sealed = installation.sealedSettings[key];
    if (sealed !== undefined) values[key] = box.open(sealed, sealContext(installation.id, key));
    else if (key in installation.settings) values[key] = installation.settings[key];
    else if (spec.default !== undefined) values[key] = spec.default;
  }
  return values;
}

export function settingsView(slug: string, installation: PluginInstallationRow, specs: SettingSpecs): PluginSettingsView {
  const settings: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    if (spec.type === 'string' && spec.secret) continue;
    if (key in installation.settings) settings[key] = installation.settings[key];
    else if (spec.default !== undefined) settings[key] = spec.default;
  }
  return {
    slug,
    settings,
    secrets_set: Object.keys(installation.sealedSettings).sort(),
    missing_required: missingRequired(installation, specs),
    updated_at: installation.updatedAt.toISOString(),
  };
}
