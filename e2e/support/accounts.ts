// Accounts of the emulator's demo seed (emulator/seed/demo.json).
export const PASSWORD = "Gatehouse-demo-1";

export const MSSP = {
  tenantId: "74361f78-e191-4c87-ac08-85e9f5f72879",
  admin: "admin@northwinddefense.com",
  approver: "approver@northwinddefense.com",
  analyst: "alex@northwinddefense.com",
  noRole: "nora@northwinddefense.com",
} as const;

export const CUSTOMERS = {
  contoso: { tenantId: "f751f8f2-154d-4e76-acbb-2dba45769137", domain: "contoso.com", admin: "admin@contoso.com", user: "user@contoso.com" },
  fabrikam: { tenantId: "d52dd5a8-663f-423c-ab1c-3ee6ad9c65d7", domain: "fabrikam.com", admin: "admin@fabrikam.com", user: "user@fabrikam.com" },
  tailspin: {
    tenantId: "8d1854fa-d39e-4356-9c60-71d7910a534d",
    domain: "tailspintoys.com",
    admin: "admin@tailspintoys.com",
    user: "user@tailspintoys.com",
  },
} as const;

export type StaffRole = "admin" | "approver" | "analyst";
export const storageStateFor = (role: StaffRole) => `playwright/.auth/${role}.json`;
