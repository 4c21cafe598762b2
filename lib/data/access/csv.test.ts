import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "./csv";

describe("csvField", () => {
  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvField('Contoso, "EU"')).toBe('"Contoso, ""EU"""');
    expect(csvField("a\nb")).toBe('"a\nb"');
  });
  it("defuses cells a spreadsheet would run as formulas", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe("-3");
  });
  it("writes dates as ISO and empties for null", () => {
    expect(csvLine([new Date("2027-01-01T00:00:00Z"), null, 5])).toBe("2027-01-01T00:00:00.000Z,,5\r\n");
  });
});
