/**
 * The CLI's argument grammar, pure: `gatehouse [--json] [--workspace <domain>] <command> …`.
 * Options may appear anywhere; `--name value` and `--name=value` both work.
 */

export const EXIT = {
  ok: 0,
  /** the operation ran and failed (a run failed, a removal could not be done, Graph refused) */
  failed: 1,
  /** bad usage: unknown command, missing argument, wrong confirmation, ambiguous workspace */
  usage: 2,
  /** the workspace or customer does not exist */
  notFound: 3,
  /** done, but a person has to look: drift found, run blocked or needing a manual step */
  attention: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UsageError extends Error {
  override readonly name = "UsageError";
}

const VALUE_OPTIONS = new Set(["workspace", "confirm", "name", "domain", "contact-name", "contact-email", "from", "to", "concurrency"]);
const FLAGS = new Set(["json", "all", "help", "yes"]);

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string>;
  flags: Set<string>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (FLAGS.has(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      flags.add(name);
      continue;
    }
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`Unknown option --${name}.`);
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "" || (eq === -1 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value.`);
    options[name] = value;
  }
  return { positionals, options, flags };
}

export const USAGE = `Usage: npm run gatehouse -- [--json] [--workspace <domain>] <command>

Commands
  customers list                         every customer of the workspace
  customers show <customer>              one customer, its objects and last runs
  customers add --name <name> --domain <domain> [--contact-name <n>] [--contact-email <e>]
  invite <customer>                      a new consent link (revokes the previous one)
  plan <customer>                        what apply would change (reads Graph, writes nothing)
  apply <customer>                       provision the customer now, to the blueprint
  drift [<customer> | --all]             compare tenants with the blueprint (reads only)
  repair <customer>                      put drifted objects back
  offboard <customer> --confirm <domain> remove everything Gatehouse created; prints the report
  blueprint show                         the active blueprint
  blueprint diff [--from <v>] [--to <v>] what changed between two blueprint versions
  rollout start [--concurrency <n>]      roll the active blueprint out to every provisioned customer (the workers run it)
  rollout status [<id>]                  the latest (or the named) rollout: counts and failed customers
  rollout pause | resume | cancel [<id>] pause the rollout under way (running customers finish), resume it, or end it

<customer> is a customer's domain or id. --json prints one JSON document for scripts.
Exit codes: 0 ok, 1 failed, 2 usage error, 3 not found, 4 needs attention (drift, blocked, manual step).`;
