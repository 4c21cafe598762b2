// `npm run gatehouse -- <command>`: the CLI over the same lib/ code as the portal (README "CLI").
import { env } from "@/lib/env";
import { AppError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { EXIT, parseArgs, USAGE, UsageError, type ExitCode } from "./args";
import { COMMANDS } from "./commands";
import { resolveWorkspace } from "./scope";

function codeOf(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof InvalidInputError) return EXIT.usage;
  if (error instanceof NotFoundError || (error instanceof AppError && error.status === 404)) return EXIT.notFound;
  return EXIT.failed;
}

async function main(argv: string[]): Promise<ExitCode> {
  let json = argv.includes("--json");
  try {
    const args = parseArgs(argv);
    json = args.flags.has("json");
    const name = args.positionals[0];
    if (!name || args.flags.has("help") || name === "help") {
      console.log(USAGE);
      return name || args.flags.has("help") ? EXIT.ok : EXIT.usage;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`Unknown command "${name}".\n\n${USAGE}`);
    if (!env.DATABASE_URL) throw new Error("DATABASE_URL is not set: the CLI works on the portal's database.");
    const workspace = await resolveWorkspace(args.options.workspace);
    // Progress goes to stderr on a terminal only: stdout stays the result (and clean JSON).
    const progress = !json && process.stderr.isTTY ? (line: string) => process.stderr.write(`${line}\n`) : () => undefined;
    const result = await command({ workspace, args, progress });
    console.log(json ? JSON.stringify(result.json, null, 2) : result.human);
    return result.code;
  } catch (error) {
    const code = codeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    if (json) console.log(JSON.stringify({ error: { code: error instanceof AppError ? error.code : error instanceof UsageError ? "usage" : "failed", message } }, null, 2));
    else console.error(`gatehouse: ${message}`);
    return code;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(EXIT.failed);
  },
);
