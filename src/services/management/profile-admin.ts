// Profiles: named sets of Config.xml options, layered server → tenant → group → user. Every write is
// checked by the core validator; accounts and general/account are managed through accounts instead.
import {
  accountDefaultsPath,
  emptyAccountDefaults,
  serializeAccountItem,
  setAccountDefault,
  unsetAccountDefault,
  validateAccountItem,
  configDocument,
  overlay,
  parseConfig,
  readConfig,
  serializeConfig,
  setOption,
  storedConfigSchema,
  unsetOption,
  validateConfig,
  type ConfigDocument,
  type Diagnostic,
  type SectionNode,
  type SubtreeEdit,
} from '../../core/index.js';
import { parseAccountItem } from '../account-item.js';
import { ZprovError } from '../../core/errors.js';
import type { Profile } from '../model.js';
import { openProfileSecrets, sealProfileSecrets } from '../profile-secrets.js';
import type { SecretBox } from '../secret-box.js';
import type { ProfileAssignments, Store, StoreWriter } from '../store.js';
import { checkProfileName } from './input-rules.js';
import { requireGroup, requireProfile, requireTenant, requireUser } from './lookups.js';

export type ProfileTarget =
  | { readonly kind: 'server' }
  | { readonly kind: 'tenant'; readonly tenant: string }
  | { readonly kind: 'group'; readonly tenant: string; readonly group: string }
  | { readonly kind: 'user'; readonly tenant: string; readonly username: string };

export interface ProfileDetails {
  readonly profile: Profile;
  readonly assignments: ProfileAssignments;
}

/** Warnings of a write, as "path: message" lines (errors refuse the write instead). */
export interface WriteReport {
  readonly warnings: readonly string[];
}

const describe = (d: Diagnostic): string => (d.path === '' ? d.message : `${d.path}: ${d.message}`);

/** Throws on the first error (naming its path); returns the warnings. */
export function checkProfileDocument(document: ConfigDocument): string[] {
  for (const node of document.root.children) {
    if (node.name === 'accounts')
      throw new ZprovError(
        'invalid_input',
        'accounts: accounts are not part of a profile; manage them with zprov account',
        'accounts',
      );
    if (node.kind === 'section' && node.name === 'general' && node.children.some((c) => c.name === 'account'))
      throw new ZprovError(
        'invalid_input',
        "general/account: set by zprov from the user's default account (zprov account set-default)",
        'general/account',
      );
  }
  const diagnostics = validateConfig(document, storedConfigSchema);
  const error = diagnostics.find((d) => d.severity === 'error');
  if (error !== undefined) throw new ZprovError('invalid_input', describe(error), error.path);
  return diagnostics.map(describe);
}

export class ProfileAdmin {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
  ) {}

  /** A stored profile's options, its sealed passwords opened. */
  private readStored(profile: Profile): ConfigDocument {
    const { document } = parseConfig(profile.document, {}, storedConfigSchema);
    if (document === undefined)
      throw new ZprovError('internal', `stored profile ${profile.name} cannot be read`);
    return openProfileSecrets(document, this.box);
  }

  /** What is stored of a profile: its passwords sealed. */
  private stored(document: ConfigDocument): string {
    return serializeConfig(sealProfileSecrets(document, this.box));
  }

  async create(name: string): Promise<Profile> {
    checkProfileName(name);
    return this.store.write(async (tx) => {
      if ((await tx.profiles.findByName(name)) !== undefined)
        throw new ZprovError('already_exists', `profile '${name}' already exists`, 'profile');
      return tx.profiles.insert({ name, document: serializeConfig(configDocument([])) });
    });
  }

  async list(): Promise<ProfileDetails[]> {
    const profiles = await this.store.profiles.list();
    return Promise.all(
      profiles.map(async (profile) => ({
        profile,
        assignments: await this.store.profiles.assignments(profile.id),
      })),
    );
  }

  async show(
    name: string,
  ): Promise<ProfileDetails & { document: ConfigDocument; accountDefaults: SectionNode }> {
    const profile = await requireProfile(this.store, name);
    return {
      profile,
      assignments: await this.store.profiles.assignments(profile.id),
      document: this.readStored(profile),
      accountDefaults: readDefaults(profile),
    };
  }

  /** Deletes a profile that is assigned nowhere. */
  async delete(name: string): Promise<void> {
    await this.store.write(async (tx) => {
      const profile = await requireProfile(tx, name);
      const a = await tx.profiles.assignments(profile.id);
      const uses = [
        ...(a.server ? ['server-wide'] : []),
        ...a.tenants.map((t) => `tenant ${t}`),
        ...a.groups.map((g) => `group ${g.tenant}/${g.name}`),
        ...a.users.map((u) => `user ${u.tenant}/${u.username}`),
      ];
      if (uses.length > 0)
        throw new ZprovError(
          'invalid_input',
          `profile '${name}' is still assigned (${uses.slice(0, 5).join(', ')}${uses.length > 5 ? ', …' : ''}); unassign it first`,
          'profile',
        );
      await tx.profiles.delete(profile.id);
    });
  }

  /**
   * Sets one option by path (general/auto_away) from its text form; `account/…` paths set an account
   * default (account/SIP_transport_type) for every account of the profile's users.
   */
  set(name: string, path: string, value: string): Promise<WriteReport> {
    const relative = accountDefaultsPath(path);
    if (relative !== undefined)
      return this.editDefaults(name, path, (d) => setAccountDefault(d, relative, value));
    return this.edit(name, (document) => {
      const result = setOption(document, path, value);
      if (!result.ok) throw new ZprovError('invalid_input', result.error, path);
      return result.document;
    });
  }

  unset(name: string, path: string): Promise<WriteReport> {
    const relative = accountDefaultsPath(path);
    if (relative !== undefined) return this.editDefaults(name, path, (d) => unsetAccountDefault(d, relative));
    return this.edit(name, (document) => {
      const result = unsetOption(document, path);
      if (!result.ok) throw new ZprovError('invalid_input', result.error, path);
      return result.document;
    });
  }

  /**
   * Takes a Config.xml fragment as a profile: creates the profile, or with `mode` replaces its
   * options or merges the fragment over them (the fragment winning per option).
   */
  async import(
    name: string,
    text: string,
    mode: 'create' | 'replace' | 'merge' = 'create',
  ): Promise<WriteReport> {
    checkProfileName(name);
    const { document, diagnostics } = readConfig(text, {}, storedConfigSchema);
    const broken = diagnostics.find((d) => d.severity === 'error');
    if (document === undefined || broken !== undefined) {
      const d = broken ?? diagnostics[0];
      throw new ZprovError(
        'invalid_input',
        d === undefined ? 'not a Config.xml document' : `line ${d.line}:${d.column}: ${describe(d)}`,
        d?.path,
      );
    }
    return this.store.write(async (tx) => {
      const existing = await tx.profiles.findByName(name);
      if (existing !== undefined && mode === 'create')
        throw new ZprovError(
          'already_exists',
          `profile '${name}' already exists; replace or merge into it explicitly`,
          'profile',
        );
      let result = document;
      if (existing !== undefined && mode === 'merge') {
        result = overlay(this.readStored(existing), document, {
          deleteAccountsBeforehand: true,
          deleteContactServicesBeforehand: true,
        });
      }
      const warnings = checkProfileDocument(result);
      const serialized = this.stored(result);
      if (existing === undefined) await tx.profiles.insert({ name, document: serialized });
      else await tx.profiles.updateDocument(existing.id, serialized);
      return { warnings };
    });
  }

  /** Makes `name` the profile of a layer (replacing the one it had). */
  async assign(name: string, target: ProfileTarget): Promise<void> {
    await this.store.write(async (tx) => {
      const profile = await requireProfile(tx, name);
      await setLayerProfile(tx, target, profile.id);
    });
  }

  /** Leaves a layer without a profile. */
  async unassign(target: ProfileTarget): Promise<void> {
    await this.store.write((tx) => setLayerProfile(tx, target, null));
  }

  private editDefaults(
    name: string,
    path: string,
    change: (defaults: SectionNode) => SubtreeEdit,
  ): Promise<WriteReport> {
    return this.store.write(async (tx) => {
      const profile = await requireProfile(tx, name);
      const edit = change(readDefaults(profile));
      if (!edit.ok) throw new ZprovError('invalid_input', edit.error, path);
      const diagnostics = validateAccountItem(edit.section);
      const error = diagnostics.find((d) => d.severity === 'error');
      if (error !== undefined)
        throw new ZprovError('invalid_input', `account/${describe(error)}`, `account/${error.path}`);
      await tx.profiles.updateAccountDefaults(
        profile.id,
        edit.section.children.length === 0 ? null : serializeAccountItem(edit.section),
      );
      return { warnings: diagnostics.map((d) => `account/${describe(d)}`) };
    });
  }

  private edit(name: string, change: (document: ConfigDocument) => ConfigDocument): Promise<WriteReport> {
    return this.store.write(async (tx) => {
      const profile = await requireProfile(tx, name);
      const document = change(this.readStored(profile));
      const warnings = checkProfileDocument(document);
      await tx.profiles.updateDocument(profile.id, this.stored(document));
      return { warnings };
    });
  }
}

const readDefaults = (profile: Profile): SectionNode =>
  profile.accountDefaults === undefined ? emptyAccountDefaults() : parseAccountItem(profile.accountDefaults);

async function setLayerProfile(
  tx: StoreWriter,
  target: ProfileTarget,
  profileId: string | null,
): Promise<void> {
  switch (target.kind) {
    case 'server':
      return tx.profiles.setServerProfile(profileId);
    case 'tenant': {
      const tenant = await requireTenant(tx, target.tenant);
      return tx.tenants.update(tenant.id, { profileId });
    }
    case 'group': {
      const tenant = await requireTenant(tx, target.tenant);
      const group = await requireGroup(tx, tenant, target.group);
      return tx.groups.update(group.id, { profileId });
    }
    case 'user': {
      const tenant = await requireTenant(tx, target.tenant);
      const user = await requireUser(tx, tenant, target.username);
      return tx.users.update(user.id, { profileId });
    }
  }
}
