import { describe, expect, it } from "vitest";
import { csvField, csvLine, csvStream } from "./csv";

describe("csvField", () => {
  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvField('Contoso, "EU"')).toBe('"Contoso, ""EU"""');
    expect(csvField("a\nb")).toBe('"a\nb"');
    expect(csvLine(["a", "b\nc"])).toBe('a,"b\nc"\r\n');
  });
  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe("-3");
    expect(csvField(-5)).toBe("-5");
  });
  it("writes dates as ISO and empties for null", () => {
    expect(csvField(null)).toBe("");
    expect(csvLine([new Date("2027-01-01T00:00:00Z"), null, 5])).toBe("2027-01-01T00:00:00.000Z,,5\r\n");
  });
});

describe("csvStream", () => {
  it("streams the header then each row", async () => {
    async function* rows() {
      yield ["x", 1];
      yield ["y", 2];
    }
    const bytes = await new Response(csvStream(["name", "n"], rows())).arrayBuffer();
    // ignoreBOM keeps the BOM in the text, so the test sees it is there.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text).toBe("\uFEFFname,n\r\nx,1\r\ny,2\r\n");
  });
  it("ends the reader when the download is cancelled", async () => {
    let finished = false;
    async function* rows() {
      try {
        for (let i = 0; ; i++) yield [i];
      } finally {
        finished = true;
      }
    }
    const reader = csvStream(["n"], rows()).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });
});
