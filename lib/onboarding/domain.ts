// Pure: the shape of a DNS domain a customer's Entra tenant can verify.
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^[a-z]{2,63}$|^xn--[a-z0-9-]{1,59}$/;

export function normalizeDomain(input: string): string {
  return input.trim().toLowerCase().replace(/\.$/, "");
}

/** Why a domain is not acceptable, or null when it is. */
export function domainProblem(input: string): string | null {
  const domain = normalizeDomain(input);
  if (domain === "") return "Enter the customer's primary domain, for example contoso.com.";
  if (/^[a-z]+:\/\//.test(domain) || domain.includes("/")) return "Enter only the domain, without https:// or a path.";
  if (domain.includes("@")) return "Enter the domain, not an email address.";
  if (domain.length > 253) return "A domain has at most 253 characters.";
  const labels = domain.split(".");
  if (labels.length < 2) return "A domain has at least two parts, for example contoso.com.";
  const tld = labels[labels.length - 1] ?? "";
  if (!labels.every((label) => LABEL.test(label)) || !TLD.test(tld)) {
    return "That is not a valid domain name: use letters, digits and hyphens, separated by dots.";
  }
  return null;
}

export function isValidDomain(input: string): boolean {
  return domainProblem(input) === null;
}
