/**
 * OData `$filter` for the subset Graph supports on the properties Gatehouse uses:
 * eq, ne, gt, ge, lt, le, and, or, not, parentheses, startswith/endswith, lambda `any`,
 * string ('' escaped) / boolean / null / number / GUID / date-time literals and nested
 * paths such as `accessPackage/id` or `target/objectId`. Pure: parse to an AST, evaluate
 * against any object through a property getter.
 */
export type Literal = string | number | boolean | null;
export type Operand = { kind: "path"; segments: string[] } | { kind: "literal"; value: Literal };
export type ComparisonOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
export type FilterExpr =
  | { kind: "and" | "or"; left: FilterExpr; right: FilterExpr }
  | { kind: "not"; expr: FilterExpr }
  | { kind: "cmp"; op: ComparisonOp; left: Operand; right: Operand }
  | { kind: "fn"; name: "startswith" | "endswith"; target: Operand; value: Operand }
  | { kind: "any"; segments: string[]; variable: string | null; predicate: FilterExpr | null };

export class FilterSyntaxError extends Error {}

type Token = { type: "(" | ")" | "," | ":" } | { type: "string"; value: string } | { type: "word"; value: string };

const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_TIME = /^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d))?$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === "(" || c === ")" || c === "," || c === ":") { tokens.push({ type: c }); i++; continue; }
    if (c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= input.length) throw new FilterSyntaxError("unterminated string literal");
        if (input[i] === "'") {
          if (input[i + 1] === "'") { value += "'"; i += 2; continue; }
          i++;
          break;
        }
        value += input[i++];
      }
      tokens.push({ type: "string", value });
      continue;
    }
    const start = i;
    // A word starting with a digit may hold colons (date-time literals such as 2026-01-01T00:00:00Z).
    const stop = /\d/.test(c) ? /[\s(),']/ : /[\s(),:']/;
    while (i < input.length && !stop.test(input[i]!)) i++;
    tokens.push({ type: "word", value: input.slice(start, i) });
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[], private readonly variables: string[] = []) {}

  parse(): FilterExpr {
    const expr = this.or();
    if (this.pos < this.tokens.length) throw new FilterSyntaxError(`unexpected '${this.describe(this.tokens[this.pos])}'`);
    return expr;
  }

  private peek(): Token | undefined { return this.tokens[this.pos]; }
  private isWord(value: string): boolean {
    const t = this.peek();
    return t?.type === "word" && t.value.toLowerCase() === value;
  }
  private expect(type: Token["type"]): Token {
    const t = this.tokens[this.pos++];
    if (!t || t.type !== type) throw new FilterSyntaxError(`expected '${type}' but found '${this.describe(t)}'`);
    return t;
  }
  private describe(t: Token | undefined): string {
    if (!t) return "end of expression";
    return t.type === "word" || t.type === "string" ? t.value : t.type;
  }

  private or(): FilterExpr {
    let left = this.and();
    while (this.isWord("or")) { this.pos++; left = { kind: "or", left, right: this.and() }; }
    return left;
  }
  private and(): FilterExpr {
    let left = this.unary();
    while (this.isWord("and")) { this.pos++; left = { kind: "and", left, right: this.unary() }; }
    return left;
  }
  private unary(): FilterExpr {
    if (this.isWord("not")) { this.pos++; return { kind: "not", expr: this.unary() }; }
    return this.primary();
  }
  private primary(): FilterExpr {
    const t = this.peek();
    if (!t) throw new FilterSyntaxError("expression expected");
    if (t.type === "(") {
      this.pos++;
      const inner = this.or();
      this.expect(")");
      return inner;
    }
    if (t.type === "word" && this.tokens[this.pos + 1]?.type === "(") {
      const name = t.value.toLowerCase();
      if (name === "startswith" || name === "endswith") {
        this.pos += 2;
        const target = this.operand();
        this.expect(",");
        const value = this.operand();
        this.expect(")");
        return { kind: "fn", name, target, value };
      }
      const lambda = /^(.*)\/(any|all)$/i.exec(t.value);
      if (lambda) {
        if (lambda[2]!.toLowerCase() === "all") throw new FilterSyntaxError("the 'all' lambda operator is not supported");
        this.pos += 2;
        const segments = this.splitPath(lambda[1]!);
        if (this.peek()?.type === ")") { this.pos++; return { kind: "any", segments, variable: null, predicate: null }; }
        const variable = (this.expect("word") as { value: string }).value;
        this.expect(":");
        const predicate = new Parser(this.rest(), [...this.variables, variable]);
        const expr = predicate.or();
        this.pos += predicate.pos;
        this.expect(")");
        return { kind: "any", segments, variable, predicate: expr };
      }
      throw new FilterSyntaxError(`unsupported function '${t.value}'`);
    }
    const left = this.operand();
    const op = this.peek();
    if (op?.type !== "word" || !COMPARISONS.has(op.value.toLowerCase())) {
      throw new FilterSyntaxError(`comparison operator expected after '${this.describe(this.tokens[this.pos - 1])}'`);
    }
    this.pos++;
    return { kind: "cmp", op: op.value.toLowerCase() as ComparisonOp, left, right: this.operand() };
  }
  private rest(): Token[] { return this.tokens.slice(this.pos); }

  private operand(): Operand {
    const t = this.tokens[this.pos++];
    if (!t) throw new FilterSyntaxError("operand expected");
    if (t.type === "string") return { kind: "literal", value: t.value };
    if (t.type !== "word") throw new FilterSyntaxError(`operand expected but found '${t.type}'`);
    const lower = t.value.toLowerCase();
    if (lower === "true" || lower === "false") return { kind: "literal", value: lower === "true" };
    if (lower === "null") return { kind: "literal", value: null };
    if (GUID.test(t.value) || DATE_TIME.test(t.value)) return { kind: "literal", value: t.value };
    if (NUMBER.test(t.value)) return { kind: "literal", value: Number(t.value) };
    if (!/^[A-Za-z_@][\w.@]*(\/[A-Za-z_][\w.]*)*$/.test(t.value)) throw new FilterSyntaxError(`'${t.value}' is not a property or a literal`);
    return { kind: "path", segments: this.splitPath(t.value) };
  }
  private splitPath(path: string): string[] { return path.split("/"); }
}

export function parseFilter(input: string): FilterExpr {
  if (!input.trim()) throw new FilterSyntaxError("empty $filter");
  return new Parser(tokenize(input)).parse();
}

/** Reads a (possibly nested) property; the evaluator never touches objects directly. */
export type PropertyGetter = (item: unknown, segments: string[]) => unknown;

/** Case-insensitive property walk over plain objects, the default getter. */
export const plainGetter: PropertyGetter = (item, segments) => {
  let current: unknown = item;
  for (const segment of segments) {
    if (current === null || typeof current !== "object") return undefined;
    const record = current as Record<string, unknown>;
    const key = segment in record ? segment : Object.keys(record).find((k) => k.toLowerCase() === segment.toLowerCase());
    current = key === undefined ? undefined : record[key];
  }
  return current;
};

// Directory and entitlement-management string comparisons are case-insensitive
// (e.g. `state eq 'Delivered'` matches `delivered`).
function normalise(value: unknown): unknown {
  return typeof value === "string" ? value.toLowerCase() : value;
}

function compare(op: ComparisonOp, a: unknown, b: unknown): boolean {
  const x = normalise(a ?? null);
  const y = normalise(b ?? null);
  switch (op) {
    case "eq": return x === y;
    case "ne": return x !== y;
    default: {
      if (x === null || y === null || typeof x !== typeof y) return false;
      const [l, r] = [x as string | number, y as string | number];
      return op === "gt" ? l > r : op === "ge" ? l >= r : op === "lt" ? l < r : l <= r;
    }
  }
}

export function evaluateFilter(expr: FilterExpr, item: unknown, get: PropertyGetter = plainGetter, scope: Record<string, unknown> = {}): boolean {
  const value = (operand: Operand): unknown => {
    if (operand.kind === "literal") return operand.value;
    const [head, ...rest] = operand.segments;
    if (head !== undefined && head in scope) return rest.length ? get(scope[head], rest) : scope[head];
    return get(item, operand.segments);
  };
  switch (expr.kind) {
    case "and": return evaluateFilter(expr.left, item, get, scope) && evaluateFilter(expr.right, item, get, scope);
    case "or": return evaluateFilter(expr.left, item, get, scope) || evaluateFilter(expr.right, item, get, scope);
    case "not": return !evaluateFilter(expr.expr, item, get, scope);
    case "cmp": return compare(expr.op, value(expr.left), value(expr.right));
    case "fn": {
      const target = value(expr.target);
      const prefix = value(expr.value);
      if (typeof target !== "string" || typeof prefix !== "string") return false;
      const [t, p] = [target.toLowerCase(), prefix.toLowerCase()];
      return expr.name === "startswith" ? t.startsWith(p) : t.endsWith(p);
    }
    case "any": {
      const collection = value({ kind: "path", segments: expr.segments });
      if (!Array.isArray(collection)) return false;
      if (!expr.predicate || !expr.variable) return collection.length > 0;
      const { predicate, variable } = expr;
      return collection.some((element) => evaluateFilter(predicate, item, get, { ...scope, [variable]: element }));
    }
  }
}

/** Top-level property names a filter touches (for "no such property" checks). */
export function filterPaths(expr: FilterExpr, variables: string[] = []): string[][] {
  const fromOperand = (o: Operand) => (o.kind === "path" && !variables.includes(o.segments[0] ?? "") ? [o.segments] : []);
  switch (expr.kind) {
    case "and": case "or": return [...filterPaths(expr.left, variables), ...filterPaths(expr.right, variables)];
    case "not": return filterPaths(expr.expr, variables);
    case "cmp": return [...fromOperand(expr.left), ...fromOperand(expr.right)];
    case "fn": return [...fromOperand(expr.target), ...fromOperand(expr.value)];
    case "any": return [expr.segments, ...(expr.predicate ? filterPaths(expr.predicate, [...variables, expr.variable ?? ""]) : [])];
  }
}

/** Operators Entra ID only accepts as "advanced queries" (ConsistencyLevel: eventual + $count=true). */
export function usesAdvancedOperators(expr: FilterExpr): boolean {
  switch (expr.kind) {
    case "and": case "or": return usesAdvancedOperators(expr.left) || usesAdvancedOperators(expr.right);
    case "not": return true;
    case "cmp": return expr.op === "ne";
    case "fn": return expr.name === "endswith";
    case "any": return expr.predicate ? usesAdvancedOperators(expr.predicate) : false;
  }
}
