/**
 * Rejects request bodies the way Graph does: unknown properties, values of the wrong JSON
 * type, bad enum members and unknown or missing `@odata.type` on abstract types all give a
 * 400 whose message names the property.
 */
import { badRequest, type ErrorFlavour } from "../errors.ts";
import { enumMembers, isAbstract, isSubtypeOf, isType, propertiesOf, qualified, type PropertyDef } from "./types.ts";

const ANNOTATION = /^(@odata\.[A-Za-z]+|[A-Za-z]+@odata\.(bind|type|id))$/;
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
const DURATION = /^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateBody(body: unknown, typeName: string, flavour: ErrorFlavour = "odata"): void {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw badRequest("Empty Payload. JSON content expected.", flavour);
  }
  validateObject(body as Record<string, unknown>, typeName, "", flavour);
}

function resolveType(value: Record<string, unknown>, declared: string, path: string, flavour: ErrorFlavour): string {
  const odataType = value["@odata.type"];
  if (odataType === undefined) {
    if (isAbstract(declared)) {
      throw badRequest(`An instance of the abstract type '${qualified(declared)}' was found in '${path || "body"}'. Set '@odata.type' to one of its derived types.`, flavour);
    }
    return declared;
  }
  const name = typeof odataType === "string" ? odataType.replace(/^#?microsoft\.graph\./, "") : "";
  if (!isType(name) || !isSubtypeOf(name, declared)) {
    throw badRequest(`A type named '${String(odataType)}' could not be resolved by the model for '${path || "body"}' (expected '${qualified(declared)}' or a derived type).`, flavour);
  }
  return name;
}

function validateObject(value: Record<string, unknown>, declared: string, path: string, flavour: ErrorFlavour): void {
  const typeName = resolveType(value, declared, path, flavour);
  const properties = propertiesOf(typeName);
  for (const [key, child] of Object.entries(value)) {
    if (ANNOTATION.test(key)) continue;
    const property = properties.get(key.toLowerCase());
    if (!property || property.name !== key) {
      throw badRequest(`The property '${key}' does not exist on type '${qualified(typeName)}'. Make sure to only use property names that are defined by the type.`, flavour);
    }
    validateValue(child, property, path ? `${path}.${key}` : key, flavour);
  }
}

function validateValue(value: unknown, property: PropertyDef, path: string, flavour: ErrorFlavour): void {
  if (value === null) return;
  if (property.collection) {
    if (!Array.isArray(value)) throw badRequest(`Property '${path}' must be a collection (${property.type}[]).`, flavour);
    value.forEach((item, i) => validateValue(item, { ...property, collection: false }, `${path}[${i}]`, flavour));
    return;
  }
  const members = enumMembers(property.type);
  if (members) {
    if (typeof value !== "string" || !members.includes(value)) {
      throw badRequest(`Invalid value '${String(value)}' for property '${path}': the enum '${qualified(property.type)}' has no such member.`, flavour);
    }
    return;
  }
  if (isType(property.type)) {
    if (typeof value !== "object" || Array.isArray(value)) throw badRequest(`Property '${path}' must be an object of type '${qualified(property.type)}'.`, flavour);
    validateObject(value as Record<string, unknown>, property.type, path, flavour);
    return;
  }
  const wrongType = () => badRequest(`Cannot convert the value of property '${path}' to the expected type 'Edm.${edmName(property.type)}'.`, flavour);
  switch (property.type) {
    case "bool": if (typeof value !== "boolean") throw wrongType(); return;
    case "int": if (typeof value !== "number" || !Number.isInteger(value)) throw wrongType(); return;
    case "number": if (typeof value !== "number") throw wrongType(); return;
    case "datetime": if (typeof value !== "string" || !DATE_TIME.test(value)) throw wrongType(); return;
    case "duration": if (typeof value !== "string" || !DURATION.test(value)) throw wrongType(); return;
    case "uuid": if (typeof value !== "string" || !UUID.test(value)) throw wrongType(); return;
    default: if (typeof value !== "string") throw wrongType();
  }
}

function edmName(type: string): string {
  return ({ bool: "Boolean", int: "Int32", number: "Double", datetime: "DateTimeOffset", duration: "Duration", uuid: "Guid", date: "Date", time: "TimeOfDay" } as Record<string, string>)[type] ?? "String";
}
