import { spawn, type ChildProcess } from "node:child_process";

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves once the process has exited (immediately if it already has). */
  stop(): Promise<void>;
}

/** Spawns a child whose output is prefixed, and which is stopped with SIGTERM (then SIGKILL). */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onLine?: (line: string) => void; quiet?: boolean; hideLine?: (line: string) => boolean },
): ManagedProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  const forward = (stream: NodeJS.ReadableStream, sink: NodeJS.WriteStream) => {
    let buffer = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        options.onLine?.(line);
        if (!options.quiet && !options.hideLine?.(line)) sink.write(`[${name}] ${line}\n`);
      }
    });
  };
  if (child.stdout) forward(child.stdout, process.stdout);
  if (child.stderr) forward(child.stderr, process.stderr);
  return manage(name, child);
}

/** Wraps a child so it can be stopped with SIGTERM, then SIGKILL after 10 s. */
export function manage(name: string, child: ChildProcess): ManagedProcess {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Waits until a line matches, or fails when the process exits first or the timeout passes. */
export function waitForLine(process: ManagedProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${process.name} did not become ready in ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer | string) => {
      const match = String(chunk).match(pattern);
      if (match) {
        cleanup();
        resolve(match[0]);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`${process.name} exited with code ${code ?? "null"} before it was ready`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      process.child.stdout?.off("data", onData);
      process.child.off("exit", onExit);
    };
    process.child.stdout?.on("data", onData);
    process.child.once("exit", onExit);
  });
}
