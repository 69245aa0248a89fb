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
  notOnPlatform,
  serializePins,
  withPin,
  ZOIPER_PLATFORMS,
  type PlatformPins,
  type ZoiperPlatform,
  type ConfigDocument,
  type Diagnostic,
  type SectionNode,
} from '../../core/index.js';
import { parseAccountItem } from '../account-item.js';
import { ZprovError } from '../../core/errors.js';
import type { Profile } from '../model.js';
import { profilePins } from '../profile-pins.js';
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

/** One option set (value) or removed (undefined), pinned to `platforms` when given. */
export interface ProfileChange {
  readonly path: string;
  readonly value: string | undefined;
  readonly platforms?: readonly ZoiperPlatform[];
}

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
  ): Promise<
    ProfileDetails & { document: ConfigDocument; accountDefaults: SectionNode; pins: PlatformPins }
  > {
    const profile = await requireProfile(this.store, name);
    return {
      profile,
      assignments: await this.store.profiles.assignments(profile.id),
      document: this.readStored(profile),
      accountDefaults: readDefaults(profile),
      pins: profilePins(profile),
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
   * default (account/SIP_transport_type) for every account of the profile's users. With `platforms`
   * the option is pinned to them: the other platforms' documents leave it out. Without, it is for
   * every platform (a pin it had goes).
   */
  set(
    name: string,
    path: string,
    value: string,
    platforms?: readonly ZoiperPlatform[],
  ): Promise<WriteReport> {
    return this.change(name, [{ path, value, ...(platforms === undefined ? {} : { platforms }) }]);
  }

  /** Removes one option by path, and its pin. */
  unset(name: string, path: string): Promise<WriteReport> {
    return this.change(name, [{ path, value: undefined }]);
  }

  /**
   * Several options set or removed in one write (a form of the web pages): all of them, or none
   * when one is refused (its path named). What does not change is not written.
   */
  async change(name: string, changes: readonly ProfileChange[]): Promise<WriteReport> {
    for (const c of changes)
      if (c.value !== undefined && c.platforms !== undefined) checkPin(c.path, c.platforms);
    return this.store.write(async (tx) => {
      const profile = await requireProfile(tx, name);
      const before = {
        document: this.readStored(profile),
        defaults: readDefaults(profile),
        pins: profilePins(profile),
      };
      let { document, defaults, pins } = before;
      for (const c of changes) {
        const relative = accountDefaultsPath(c.path);
        if (relative === undefined) {
          const result =
            c.value === undefined ? unsetOption(document, c.path) : setOption(document, c.path, c.value);
          if (!result.ok) throw new ZprovError('invalid_input', result.error, c.path);
          document = result.document;
        } else {
          const edit =
            c.value === undefined
              ? unsetAccountDefault(defaults, relative)
              : setAccountDefault(defaults, relative, c.value);
          if (!edit.ok) throw new ZprovError('invalid_input', edit.error, c.path);
          defaults = edit.section;
        }
        pins = withPin(pins, c.path, c.value === undefined ? undefined : c.platforms);
      }
      const warnings: string[] = [];
      if (serializeConfig(document) !== serializeConfig(before.document)) {
        warnings.push(...checkProfileDocument(document));
        await tx.profiles.updateDocument(profile.id, this.stored(document));
      }
      if (serializeAccountItem(defaults) !== serializeAccountItem(before.defaults)) {
        const diagnostics = validateAccountItem(defaults);
        const error = diagnostics.find((d) => d.severity === 'error');
        if (error !== undefined)
          throw new ZprovError('invalid_input', `account/${describe(error)}`, `account/${error.path}`);
        warnings.push(...diagnostics.map((d) => `account/${describe(d)}`));
        await tx.profiles.updateAccountDefaults(
          profile.id,
          defaults.children.length === 0 ? null : serializeAccountItem(defaults),
        );
      }
      const text = serializePins(pins);
      if (text !== serializePins(before.pins)) await tx.profiles.updatePlatformPins(profile.id, text ?? null);
      return { warnings };
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
}

/** A pin names at least one platform, each having the option. */
function checkPin(path: string, platforms: readonly ZoiperPlatform[]): void {
  if (platforms.length === 0)
    throw new ZprovError(
      'invalid_input',
      `platform: name one or more of ${ZOIPER_PLATFORMS.join(', ')}`,
      'platform',
    );
  for (const platform of platforms) {
    const why = notOnPlatform(path, platform);
    if (why !== undefined) throw new ZprovError('invalid_input', why, path);
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
