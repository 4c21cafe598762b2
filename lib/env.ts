// The only module that reads process.env (enforced by lint). next.config.ts imports it, so a bad
// value fails `next build` and `next start` with a message that names the variable.
import { parseEnv, type Env } from "./env-schema";

export { EnvError, parseEnv, type Env } from "./env-schema";

export const env: Env = parseEnv(process.env);
