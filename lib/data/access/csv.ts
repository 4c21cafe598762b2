import "server-only";

// CSV encoding (RFC 4180) with formula-injection protection, streamed: an export opened in a
// spreadsheet must not run a cell that a customer tenant's data (a display name, a
// justification) controls, and a 100,000-row export never sits in memory as one string.

export type CsvValue = string | number | Date | null | undefined;
export type CsvRow = readonly CsvValue[];

const FORMULA_START = /^[=+\-@\t\r]/;

/** One field. Strings a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading apostrophe. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(fields: CsvRow): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/**
 * A streamed CSV body: the header, then each row as the reader produces it (pulled, so a slow
 * client slows the database reads instead of filling memory). Cancelling ends the reader.
 */
export function csvStream(header: readonly string[], rows: AsyncIterable<CsvRow>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // The BOM makes Excel read the file as UTF-8 (names with accents).
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
        return;
      }
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(csvLine(next.value)));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

export function csvResponse(filename: string, body: ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
