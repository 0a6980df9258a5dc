import { z } from 'zod';

/**
 * A fast yes/no check derived from a zod schema, for hot paths that see a million records (the
 * directory feed). Where the Content-Security-Policy forbids eval (Electron's renderer and its
 * workers) zod validates without its compiled fast path, about 10× slower than JSON.parse; this
 * guard compiles the schema's JSON Schema (z.toJSONSchema, zod's public API) into plain closures
 * once, so it stays one definition and costs about as much as the hand-written check it replaces.
 *
 * Only schemas whose parse returns the value unchanged (apart from dropping unknown keys) are
 * accepted: no defaults, transforms or coercion. An unsupported keyword is an error when the guard
 * is built, never a silently weaker check. A test holds the guard equal to `safeParse`.
 */
type Guard<T> = (value: unknown) => value is T;

type JsonSchema = { [keyword: string]: unknown };
type Check = (value: unknown) => boolean;

/** Keywords that carry documentation only. */
const IGNORED = new Set(['$schema', 'description', 'title', 'examples', 'id', 'deprecated', 'format']);

export function guardFor<S extends z.ZodType>(schema: S): Guard<z.output<S>> {
  const input = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as JsonSchema;
  const output = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' }) as JsonSchema;
  const stripExtras = (s: unknown): string =>
    JSON.stringify(s, (key, value) => (key === 'additionalProperties' ? undefined : value));
  if (stripExtras(input) !== stripExtras(output)) {
    throw new Error('guardFor: the schema changes what it parses (default, transform, coercion)');
  }
  const defs = (input.$defs ?? {}) as Record<string, JsonSchema>;
  const compiled = new Map<string, Check>();
  const refCheck = (ref: string): Check => {
    const name = /^#\/\$defs\/(.+)$/.exec(ref)?.[1];
    if (!name || !defs[name]) throw new Error(`guardFor: unsupported $ref ${ref}`);
    // Resolved on first call (recursive definitions work), then called directly.
    let check: Check | undefined;
    return (value) => {
      if (!check) {
        check = compiled.get(name) ?? compile(defs[name]!);
        compiled.set(name, check);
      }
      return check(value);
    };
  };

  function compile(node: JsonSchema): Check {
    const checks: Check[] = [];
    for (const [keyword, arg] of Object.entries(node)) {
      if (IGNORED.has(keyword) || keyword === '$defs') continue;
      // Implied by another keyword: `type` beside a `const`, safe-integer bounds of an integer.
      if (keyword === 'type' && 'const' in node) continue;
      if (node.type === 'integer' && (keyword === 'minimum' || keyword === 'maximum')) {
        if (Math.abs(arg as number) === Number.MAX_SAFE_INTEGER) continue;
      }
      switch (keyword) {
        case '$ref':
          checks.push(refCheck(arg as string));
          break;
        case 'type': {
          const types = (Array.isArray(arg) ? arg : [arg]).map((type) => typeCheck(type as string));
          checks.push(types.length === 1 ? types[0]! : (value) => types.some((type) => type(value)));
          break;
        }
        case 'const':
          checks.push((value) => value === arg);
          break;
        case 'enum': {
          const allowed = new Set(arg as unknown[]);
          checks.push((value) => allowed.has(value));
          break;
        }
        case 'minLength':
          checks.push((value) => typeof value !== 'string' || value.length >= (arg as number));
          break;
        case 'maxLength':
          checks.push((value) => typeof value !== 'string' || value.length <= (arg as number));
          break;
        case 'pattern': {
          const regex = new RegExp(arg as string, 'u');
          checks.push((value) => typeof value !== 'string' || regex.test(value));
          break;
        }
        case 'minimum':
          checks.push((value) => typeof value !== 'number' || value >= (arg as number));
          break;
        case 'maximum':
          checks.push((value) => typeof value !== 'number' || value <= (arg as number));
          break;
        case 'exclusiveMinimum':
          checks.push((value) => typeof value !== 'number' || value > (arg as number));
          break;
        case 'exclusiveMaximum':
          checks.push((value) => typeof value !== 'number' || value < (arg as number));
          break;
        case 'minItems':
          checks.push((value) => !Array.isArray(value) || value.length >= (arg as number));
          break;
        case 'maxItems':
          checks.push((value) => !Array.isArray(value) || value.length <= (arg as number));
          break;
        case 'items': {
          const item = compile(arg as JsonSchema);
          checks.push((value) => !Array.isArray(value) || value.every(item));
          break;
        }
        case 'properties':
          checks.push(propertiesCheck(arg as Record<string, JsonSchema>, (node.required ?? []) as string[]));
          break;
        case 'required':
          break; // with properties
        case 'additionalProperties':
          if (arg === false) {
            const known = new Set(Object.keys((node.properties ?? {}) as object));
            checks.push((value) => !isObject(value) || Object.keys(value).every((key) => known.has(key)));
          } else if (arg !== true && !(isObject(arg) && Object.keys(arg).length === 0)) {
            throw new Error('guardFor: additionalProperties with a schema is not supported');
          }
          break;
        case 'anyOf': {
          const options = (arg as JsonSchema[]).map(compile);
          checks.push((value) => options.some((option) => option(value)));
          break;
        }
        case 'oneOf':
          checks.push(oneOfCheck(arg as JsonSchema[]));
          break;
        default:
          throw new Error(`guardFor: unsupported JSON Schema keyword ${keyword}`);
      }
    }
    return all(checks);
  }

  function propertiesCheck(properties: Record<string, JsonSchema>, required: string[]): Check {
    const fields = Object.entries(properties).map(([key, schema]) => ({
      key,
      check: compile(schema),
      required: required.includes(key),
    }));
    return (value) => {
      if (!isObject(value)) return true; // `type` says whether it must be an object
      for (const field of fields) {
        const v = value[field.key];
        if (v === undefined) {
          if (field.required) return false;
        } else if (!field.check(v)) return false;
      }
      return true;
    };
  }

  /** A discriminated union (every branch an object with a `const` on one key) dispatches on that key. */
  function oneOfCheck(branches: JsonSchema[]): Check {
    const resolved = branches.map((b) => (typeof b.$ref === 'string' ? (defs[refName(b.$ref)] ?? b) : b));
    const keys = Object.keys((resolved[0]?.properties ?? {}) as object).filter((key) =>
      resolved.every(
        (b) => (b.properties as Record<string, JsonSchema> | undefined)?.[key]?.const !== undefined,
      ),
    );
    const compiledBranches = branches.map(compile);
    const key = keys[0];
    if (key) {
      const byTag = new Map<unknown, Check>();
      resolved.forEach((b, i) =>
        byTag.set((b.properties as Record<string, JsonSchema>)[key]!.const, compiledBranches[i]!),
      );
      return (value) => isObject(value) && (byTag.get(value[key]) ?? never)(value);
    }
    return (value) => compiledBranches.filter((branch) => branch(value)).length === 1;
  }

  const root = compile(input);
  // Every definition now, so an unsupported keyword anywhere fails here and not on some record.
  for (const [name, def] of Object.entries(defs)) if (!compiled.has(name)) compiled.set(name, compile(def));
  return root as Guard<z.output<S>>;
}

const never: Check = () => false;

function all(checks: Check[]): Check {
  const [a, b, c] = checks;
  switch (checks.length) {
    case 0:
      return () => true;
    case 1:
      return a!;
    case 2:
      return (value) => a!(value) && b!(value);
    case 3:
      return (value) => a!(value) && b!(value) && c!(value);
    default:
      return (value) => checks.every((check) => check(value));
  }
}

function refName(ref: string): string {
  return ref.replace(/^#\/\$defs\//, '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeCheck(type: string): Check {
  switch (type) {
    case 'string':
      return (value) => typeof value === 'string';
    case 'number':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return (value) => Number.isSafeInteger(value);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'null':
      return (value) => value === null;
    case 'object':
      return isObject;
    case 'array':
      return Array.isArray;
    default:
      throw new Error(`guardFor: unsupported type ${type}`);
  }
}
