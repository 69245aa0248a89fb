// zprov provision-url: the address a tenant's phones of one platform fetch from. For a branded
// Android or iOS app it is the template the operator enters in the brand's order form (the app
// fills in [username], [password] and [version]); for Desktop the base URL Provision.xml carries.
import type { Command } from 'commander';
import { collect, tenantScoped, withApp, type StorageFlags } from '../admin-session.js';
import type { CliContext } from '../cli-context.js';
import { platformFlag } from '../platform-flag.js';

interface ProvisionUrlFlags extends StorageFlags {
  readonly tenant: string;
  readonly platform: string;
  readonly url?: string[];
}

export function registerProvisionUrl(program: Command, ctx: CliContext): void {
  tenantScoped(
    program
      .command('provision-url')
      .description("print the provisioning URL of a tenant's phones of one platform (one per base URL)")
      .option('--platform <platform>', 'desktop, android or ios', 'desktop')
      .option(
        '--url <base>',
        'public base URL, repeatable in failover order (default: publicUrls, else this host)',
        collect,
      ),
  ).action(async (flags: ProvisionUrlFlags) => {
    const platform = platformFlag(flags.platform);
    const templates = await withApp(ctx, flags, (app) =>
      app.management.provisionFiles.urlTemplates(flags.tenant, platform, flags.url ?? []),
    );
    ctx.io.stdout(`${templates.join('\n')}\n`);
  });
}
