/** Orders names as people read them (case- and accent-insensitive, numbers by value), whatever the database's collation. */
export const compareNames: (a: string, b: string) => number = new Intl.Collator("en", { sensitivity: "base", numeric: true }).compare;
