// A tenant's accounts as rows of zprov's own CSV/JSON columns (`zprov export`), the inverse of the
// csv and json importers: an export edited in a spreadsheet imports back onto the same accounts.
// Each row's key is the account's source key (`pjsip:1001`), or `ident:<ident>` for an account made
// by hand; the csv and json importers take both as they are.
import {
  ACCOUNTS_LIST,
  REGISTRAR_OPTION,
  codeListText,
  type ConfigNode,
  type ExportRow,
  type ListSpec,
  type NodeSpec,
  type SectionNode,
} from '../../core/index.js';
import { parseAccountItem } from '../account-item.js';
import type { Account } from '../model.js';
import type { SecretBox } from '../secret-box.js';
import type { StoreReader } from '../store.js';
import { requireTenant } from '../management/lookups.js';

/** Options that have a column of their own, or that zprov sets itself. */
const COLUMN_OPTIONS = new Set([
  'ident',
  'password',
  'protocol',
  'username',
  'name',
  'SIP_domain',
  'IAX2_host',
  'codecs',
  'SIP_transport_type',
]);

export const exportKey = (account: Account): string => account.sourceKey ?? `ident:${account.ident}`;

export class AccountExport {
  constructor(
    private readonly store: StoreReader,
    private readonly box: SecretBox,
  ) {}

  /** Every account of the tenant, user by user; passwords only with `includeSecrets`. */
  async rows(tenantSlug: string, options: { includeSecrets: boolean }): Promise<ExportRow[]> {
    const tenant = await requireTenant(this.store, tenantSlug);
    const groups = new Map((await this.store.groups.listByTenant(tenant.id)).map((g) => [g.id, g.name]));
    const rows: ExportRow[] = [];
    for (const user of await this.store.users.list(tenant.id)) {
      for (const account of await this.store.accounts.listByUser(user.id)) {
        const item = parseAccountItem(account.options);
        const text = (name: string) => {
          const node = item.children.find((c) => c.name === name);
          return node?.kind === 'option' ? String(node.value) : undefined;
        };
        const codecs = item.children.find((c) => c.name === 'codecs');
        rows.push({
          key: exportKey(account),
          user: user.username,
          displayName: user.displayName === user.username ? undefined : user.displayName,
          group: user.groupId === undefined ? undefined : groups.get(user.groupId),
          protocol: account.protocol,
          username: text('username') ?? '',
          ...(options.includeSecrets && account.sealedPassword !== undefined
            ? { password: this.box.open(account.sealedPassword, account.ident) }
            : {}),
          domain: text(REGISTRAR_OPTION[account.protocol]),
          name: text('name'),
          codecs:
            codecs?.kind === 'list'
              ? codeListText(ACCOUNTS_LIST.sections['codecs'] as ListSpec, codecs.items)
              : undefined,
          transport: text('SIP_transport_type'),
          enabled: account.enabled,
          options: optionPairs(item),
        });
      }
    }
    return rows;
  }
}

/** Every other option of the item as [path, text]: plain options by path, code lists as their codes. */
function optionPairs(item: SectionNode): [string, string][] {
  const pairs: [string, string][] = [];
  const walk = (node: ConfigNode, path: string, spec: NodeSpec | undefined): void => {
    if (node.kind === 'option') pairs.push([path, String(node.value)]);
    else if (node.kind === 'section')
      for (const child of node.children)
        walk(
          child,
          `${path}/${child.name}`,
          spec?.kind === 'section' ? spec.sections[child.name] : undefined,
        );
    else if (node.kind === 'list' && spec?.kind === 'list') {
      const text = codeListText(spec, node.items);
      if (text !== undefined && text !== '') pairs.push([path, text]);
    }
  };
  for (const child of item.children)
    if (!COLUMN_OPTIONS.has(child.name)) walk(child, child.name, ACCOUNTS_LIST.sections[child.name]);
  return pairs;
}
