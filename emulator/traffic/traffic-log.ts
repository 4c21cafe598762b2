/**
 * The Graph call log: one JSON line per call (and per inner $batch request) appended to a
 * file for the conformance checker, plus an in-memory ring the control API reads with a
 * `since` cursor.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

export interface TrafficEntry {
  method: string;
  path: string;
  query: string;
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: unknown;
}

export interface RecordedEntry extends TrafficEntry { seq: number; time: string; batchId?: string }

/** Marks a request a test sends malformed on purpose: it is served, but not written to the file. */
export const DELIBERATELY_INVALID_HEADER = "x-emulator-deliberately-invalid";

export class TrafficLog {
  private entries: RecordedEntry[] = [];
  private seq = 0;

  constructor(private readonly filePath?: string, private readonly capacity = 5000) {
    if (filePath) mkdirSync(dirname(filePath), { recursive: true });
  }

  record(entry: TrafficEntry, extra: { time: Date; batchId?: string; onPurposeInvalid?: boolean }): void {
    // Synchronous append keeps lines whole and in order when calls overlap.
    if (this.filePath && !extra.onPurposeInvalid) appendFileSync(this.filePath, JSON.stringify(entry) + "\n");
    this.entries.push({ seq: ++this.seq, time: extra.time.toISOString(), ...(extra.batchId ? { batchId: extra.batchId } : {}), ...entry });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** Entries with seq > since, oldest first. */
  since(since = 0): { entries: RecordedEntry[]; cursor: number } {
    return { entries: this.entries.filter((e) => e.seq > since), cursor: this.seq };
  }

  clear(): void { this.entries = []; }
}
