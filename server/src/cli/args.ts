/** `--name value`, `--flag`, and positionals: enough for the admin commands, no dependency. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const next = argv[i + 1];
      if (inline !== undefined) options.set(name!, inline);
      else if (next !== undefined && !next.startsWith('--')) {
        options.set(name!, next);
        i += 1;
      } else options.set(name!, true);
    } else positionals.push(arg);
  }
  return { positionals, options };
}

export function option(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function required(args: ParsedArgs, name: string): string {
  const value = option(args, name);
  if (value === undefined) throw new Error(`Falta --${name}.`);
  return value;
}
