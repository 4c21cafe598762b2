import { describe, expect, it } from "vitest";
import { createCustomerSchema, customerListQuerySchema } from "./schemas";

describe("createCustomerSchema", () => {
  it("normalizes the domain and drops empty optional fields", () => {
    expect(
      createCustomerSchema.parse({ displayName: "  Contoso ", primaryDomain: "Contoso.COM", contactName: "", contactEmail: "" }),
    ).toEqual({ displayName: "Contoso", primaryDomain: "contoso.com", contactName: undefined, contactEmail: undefined });
  });

  it("reports each bad field with a message", () => {
    const result = createCustomerSchema.safeParse({ displayName: " ", primaryDomain: "https://x", contactEmail: "nope" });
    expect(result.success).toBe(false);
    const issues = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(issues.displayName).toBe("Enter the customer's name.");
    expect(issues.primaryDomain).toMatch(/without https/);
    expect(issues.contactEmail).toMatch(/valid email/);
  });

  it("rejects a missing domain", () => {
    expect(createCustomerSchema.safeParse({ displayName: "Contoso" }).success).toBe(false);
  });
});

describe("customerListQuerySchema", () => {
  it("ignores unknown sort values instead of failing the page", () => {
    expect(customerListQuerySchema.parse({ sort: "password", dir: "sideways", q: "con" })).toEqual({
      q: "con",
      sort: undefined,
      dir: undefined,
    });
  });
});
