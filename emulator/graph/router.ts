/** A tiny path router: patterns with `{param}` placeholders, matched per method and version. */
import type { ApiVersion, Route } from "./context.ts";

interface CompiledRoute { route: Route; regex: RegExp; names: string[] }

export type RouteMatch = { kind: "match"; route: Route; params: Record<string, string> } | { kind: "methodNotAllowed"; allowed: string[] } | { kind: "none" };

export class Router {
  private readonly compiled: CompiledRoute[];

  constructor(routes: Route[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.pattern
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const param = /^\{([^}]+)\}$/.exec(part);
          if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(param[1]!);
          return "([^/']+)";
        })
        .join("");
      return { route, regex: new RegExp(`^${source}/?$`, "i"), names };
    });
  }

  match(method: string, version: ApiVersion, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const { route, regex, names } of this.compiled) {
      if (route.versions && !route.versions.includes(version)) continue;
      const m = regex.exec(path);
      if (!m) continue;
      if (route.method !== method.toUpperCase()) { allowed.push(route.method); continue; }
      const params: Record<string, string> = {};
      names.forEach((name, i) => { params[name] = safeDecode(m[i + 1] ?? ""); });
      return { kind: "match", route, params };
    }
    return allowed.length ? { kind: "methodNotAllowed", allowed } : { kind: "none" };
  }
}

function safeDecode(value: string): string {
  try { return decodeURIComponent(value); } catch { return value; }
}
