// Parses the command line the Prisma CLI uses to start its native schema-engine binary, so that
// this bridge can stand in for it (see node_modules/prisma/build/cli.js, `internalInit` and `h2e`).

/**
 * @typedef {{ url: string, shadowDatabaseUrl?: string }} Datasource
 * @typedef {{ datamodelPaths: string[], datasource?: Datasource, cliCommand?: string, printVersion: boolean }} EngineArgs
 */

/**
 * @param {string[]} argv arguments after the script name
 * @returns {EngineArgs}
 */
export function parseEngineArgs(argv) {
  /** @type {EngineArgs} */
  const args = { datamodelPaths: [], printVersion: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    switch (flag) {
      case "--datamodels":
        args.datamodelPaths.push(requireValue(argv, ++i, flag));
        break;
      case "--datasource":
        args.datasource = parseDatasource(requireValue(argv, ++i, flag));
        break;
      // The Wasm engine has no runtime switch for these; accepted so the CLI's normal arguments work.
      case "--enabled-preview-features":
      case "--extension-types":
        requireValue(argv, ++i, flag);
        break;
      case "--version":
      case "-V":
        args.printVersion = true;
        break;
      case "cli":
        args.cliCommand = requireValue(argv, ++i, flag);
        break;
      default:
        throw new Error(`Unknown schema engine argument: ${flag}`);
    }
  }
  return args;
}

/** @param {string[]} argv @param {number} index @param {string} flag */
function requireValue(argv, index, flag) {
  const value = argv[index];
  if (value === undefined) throw new Error(`Missing value after ${flag}`);
  return value;
}

/** @param {string} json @returns {Datasource} */
function parseDatasource(json) {
  const datasource = JSON.parse(json);
  if (typeof datasource?.url !== "string" || datasource.url === "") {
    throw new Error("--datasource must be a JSON object with a non-empty `url`");
  }
  return datasource;
}
