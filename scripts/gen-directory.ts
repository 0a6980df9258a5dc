/**
 * Deterministic generator of customer directories (the CSV format of issue 2), for tests and benchmarks.
 *
 *   npx tsx scripts/gen-directory.ts --rows 1000000 [--seed S] [--out FILE] [--with-fixtures]
 *
 * Same arguments → byte-identical output. Rows are produced in chunks and written with backpressure,
 * so a million rows never sit in memory. `--with-fixtures` appends the hand-curated rows of
 * test/fixtures/sampleCustomers.ts; the shipped sample is
 *   npx tsx scripts/gen-directory.ts --rows 300 --seed 2026 --with-fixtures --out assets/sample-directory.csv
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { getCheckDigit } from 'rut.js';
import { DIRECTORY_COLUMNS } from '../shared/directory/customer';
import { TELECOBRANZAS_NUMBER } from '../shared/blocks/catalog';
import { fixtureCsvRows } from '../test/fixtures/sampleCustomers';

export const FIRST_CODE = 10_000_000;
export const DIRECTORY_HEADER = DIRECTORY_COLUMNS.join(',');

export interface GenerateOptions {
  rows: number;
  seed: string;
  withFixtures?: boolean;
}

// ---------------------------------------------------------------- randomness

/** 32-bit FNV-1a: turns any seed text into the PRNG state. */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for sample data; never Math.random (not reproducible). */
class Rng {
  private state: number;
  constructor(seed: string) {
    this.state = hashSeed(seed);
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }
}

// ---------------------------------------------------------------- data

/** Folded e-mail form of a name part ("Muñoz" → "munoz"), computed once per list. */
function emailPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

interface Named {
  text: string;
  mail: string;
}
const named = (list: string[]): Named[] => list.map((text) => ({ text, mail: emailPart(text) }));

// prettier-ignore
const FEMALE_NAMES = named([
  'María', 'Francisca', 'Catalina', 'Camila', 'Valentina', 'Ximena', 'Claudia', 'Verónica', 'Marcela', 'Soledad',
  'Martina', 'Sofía', 'Isidora', 'Josefa', 'Constanza', 'Fernanda', 'Javiera', 'Paulina', 'Ana', 'Rosa',
  'Alejandra', 'Bárbara', 'Daniela', 'Lucía', 'Ángela', 'Carolina', 'Macarena', 'Inés',
]);
// prettier-ignore
const MALE_NAMES = named([
  'José', 'Juan', 'Sebastián', 'Matías', 'Benjamín', 'Ignacio', 'Patricio', 'Héctor', 'Rodrigo', 'Andrés',
  'Luis', 'Jorge', 'Carlos', 'Cristián', 'Felipe', 'Tomás', 'Agustín', 'Gonzalo', 'Raúl', 'Óscar', 'Eduardo',
  'Ramón', 'Pedro', 'Germán', 'Joaquín', 'Nicolás', 'Iván', 'Manuel',
]);

// prettier-ignore
const SURNAMES = named([
  'González', 'Muñoz', 'Rojas', 'Díaz', 'Pérez', 'Soto', 'Contreras', 'Silva', 'Martínez', 'Sepúlveda',
  'Morales', 'Rodríguez', 'López', 'Fuentes', 'Hernández', 'Torres', 'Araya', 'Flores', 'Espinoza',
  'Valenzuela', 'Castillo', 'Tapia', 'Reyes', 'Gutiérrez', 'Castro', 'Pizarro', 'Álvarez', 'Vásquez',
  'Sánchez', 'Fernández', 'Ramírez', 'Carrasco', 'Gómez', 'Cortés', 'Herrera', 'Núñez', 'Jara', 'Vergara',
  'Rivera', 'Figueroa', 'Riquelme', 'García', 'Miranda', 'Bravo', 'Vera', 'Molina', 'Vega', 'Campos',
  'Sandoval', 'Orellana', 'Zúñiga', 'Olivares', 'Alarcón', 'Gallardo', 'Ortiz', 'Garrido', 'Salazar',
  'Guzmán', 'Henríquez', 'Saavedra', 'Navarro', 'Aguilera', 'Parra', 'Romero', 'Aravena', 'Vargas', 'Cáceres',
  'Yáñez', 'Leiva', 'Escobar', 'Ruiz', 'Valdés', 'Vidal', 'Salinas', 'Cárdenas', 'Peña', 'Ibáñez', "O'Ryan",
]);

// prettier-ignore
const COMPANY_KINDS = [
  'Comercial', 'Inversiones', 'Panadería', 'Restaurante', 'Condominio', 'Agrícola', 'Hostal', 'Lavandería',
  'Colegio', 'Sociedad', 'Hotel', 'Viña', 'Club Deportivo', 'Centro de Eventos',
];
// prettier-ignore
const COMPANY_NAMES = [
  'Los Aromos', 'El Roble', 'San Pedro', 'La Estrella', 'Del Sur', 'Las Araucarias', 'Santa Teresa', 'Don Pepe',
  'El Trigal', 'Los Copihues', 'La Montaña', 'Bahía Azul', 'Cordillera', 'El Quillay', 'Las Vertientes',
  'Ñandú', 'Santa Inés', 'Los Peumos', 'La Campiña', 'El Mirador', '"La Espiga"', 'Don Ramón, Hijos',
];
const COMPANY_SUFFIXES = ['Ltda.', 'SpA', 'S.A.', 'E.I.R.L.', ''];

/** Real comunas with their regions; `rm` marks Santiago (landlines 2 2XXX XXXX). */
// prettier-ignore
const COMUNAS: ReadonlyArray<{ comuna: string; region: string; rm: boolean }> = [
  ...[
    'Santiago', 'Ñuñoa', 'Peñalolén', 'Providencia', 'Las Condes', 'Vitacura', 'Lo Barnechea', 'La Reina',
    'Macul', 'La Florida', 'Puente Alto', 'Maipú', 'Estación Central', 'Conchalí', 'Recoleta', 'Independencia',
    'Quilicura', 'Huechuraba', 'Renca', 'Cerrillos', 'Pudahuel', 'Lo Prado', 'Quinta Normal', 'San Miguel',
    'San Joaquín', 'La Cisterna', 'El Bosque', 'La Granja', 'La Pintana', 'San Bernardo', 'Pedro Aguirre Cerda',
    'Lo Espejo', 'Cerro Navia', 'Colina', 'Lampa', 'Peñaflor', 'Talagante', 'Buin', 'Paine', 'Pirque',
    'San José de Maipo', 'Curacaví', 'Padre Hurtado',
  ].map((comuna) => ({ comuna, region: 'Metropolitana de Santiago', rm: true })),
  ...[
    ['Viña del Mar', 'Valparaíso'], ['Valparaíso', 'Valparaíso'], ['Quilpué', 'Valparaíso'],
    ['Villa Alemana', 'Valparaíso'], ['Concón', 'Valparaíso'], ['Quillota', 'Valparaíso'],
    ['Los Andes', 'Valparaíso'], ['San Felipe', 'Valparaíso'], ['Concepción', 'Biobío'],
    ['Talcahuano', 'Biobío'], ['San Pedro de la Paz', 'Biobío'], ['Chiguayante', 'Biobío'],
    ['Hualpén', 'Biobío'], ['Los Ángeles', 'Biobío'], ['Coronel', 'Biobío'], ['Chillán', 'Ñuble'],
    ['Rancagua', "Libertador General Bernardo O'Higgins"], ['Machalí', "Libertador General Bernardo O'Higgins"],
    ['Talca', 'Maule'], ['Curicó', 'Maule'], ['Linares', 'Maule'], ['Temuco', 'La Araucanía'],
    ['Pucón', 'La Araucanía'], ['Villarrica', 'La Araucanía'], ['Valdivia', 'Los Ríos'],
    ['Osorno', 'Los Lagos'], ['Puerto Montt', 'Los Lagos'], ['Puerto Varas', 'Los Lagos'], ['Castro', 'Los Lagos'],
    ['La Serena', 'Coquimbo'], ['Coquimbo', 'Coquimbo'], ['Ovalle', 'Coquimbo'], ['Copiapó', 'Atacama'],
    ['Antofagasta', 'Antofagasta'], ['Calama', 'Antofagasta'], ['Iquique', 'Tarapacá'],
    ['Alto Hospicio', 'Tarapacá'], ['Arica', 'Arica y Parinacota'], ['Coyhaique', 'Aysén'],
    ['Punta Arenas', 'Magallanes y de la Antártica Chilena'],
  ].map(([comuna, region]) => ({ comuna: comuna as string, region: region as string, rm: false })),
];

// prettier-ignore
const STREETS = [
  'Av. Irarrázaval', 'Los Leones', 'Av. Pedro de Valdivia', 'Gran Avenida José Miguel Carrera', 'Av. Grecia',
  'Av. Vicuña Mackenna', "Av. Libertador Bernardo O'Higgins", 'Los Aromos', 'Las Acacias', 'Pasaje Los Olmos',
  'Camino El Alba', 'Av. Las Condes', 'Av. Apoquindo', 'Calle Larga', 'Av. Colón', 'Av. Pajaritos',
  'Av. Manuel Montt', 'Av. La Florida', 'Av. Tobalaba', 'Av. Ossa', 'Los Copihues', 'El Roble', 'San Martín',
  'Freire', 'Arturo Prat', 'Chacabuco', 'Carrera', 'Lautaro', 'Caupolicán', 'Baquedano', 'Av. Alemania',
  'Av. Francia', 'Los Carrera', 'Av. Valparaíso', 'Av. España', 'Av. Libertad', 'Camino a Farellones',
  'Pasaje 3, Villa Los Aromos', 'Av. Pocuro', 'José Domingo Cañas', 'Simón Bolívar', 'Av. Macul', 'Quilín',
  'Av. Departamental', 'Sucre', 'Los Militares', 'Av. Ñuble', 'Camino Real, Parcela 12', 'Av. Padre Hurtado',
];

const EMAIL_DOMAINS = [
  'gmail.com',
  'gmail.com',
  'gmail.com',
  'hotmail.com',
  'outlook.com',
  'yahoo.es',
  'live.cl',
  'vtr.net',
];
const ORDER_STATUSES = ['En ruta', 'Programado', 'Ingresado', 'En preparación', 'Pendiente de despacho'];
const TC_FORMAT_CODES = ['2M', '2C', 'CÑ', '4A', 'CL'];
/** Non-collections blocks, repeated by how often they appear. Z3 is paired with its new record (see below). */
const OTHER_BLOCKS = ['Z4', 'Z4', 'Z4', 'ZB', 'ZB', 'ZB', 'Z9', 'Z9', 'ZA', 'ZA', 'Z0', 'Z0', 'Z5'];
const MULTI_POOL = ['Z1', 'Z1', 'Z1', 'Z4', 'ZB', 'Z9', 'ZA', 'Z0', 'Z5', '2M', 'CL', 'Z3'];

// ---------------------------------------------------------------- fields

function dotted(body: number): string {
  const s = String(body);
  let out = s.slice(-3);
  for (let end = s.length - 3; end > 0; end -= 3) out = `${s.slice(Math.max(0, end - 3), end)}.${out}`;
  return out;
}

function randomRut(rng: Rng, company: boolean): string {
  const body = company ? rng.int(76_000_000, 77_999_999) : rng.int(4_000_000, 26_999_999);
  const dv = getCheckDigit(String(body));
  const form = rng.next();
  if (form < 0.7) return `${dotted(body)}-${dv}`;
  if (form < 0.95) return `${body}-${dv}`;
  return `${body}${dv}`;
}

/** A valid mobile (9[2458] + 7 digits, always in an allocated range) in one of the ways people write it. */
function randomMobile(rng: Rng): string {
  const rest = rng.pick(['2', '4', '5', '8']) + rng.digits(7);
  switch (rng.int(0, 5)) {
    case 0:
    case 5:
      return `+56 9 ${rest.slice(0, 4)} ${rest.slice(4)}`;
    case 1:
      return `9${rest}`;
    case 2:
      return `+569${rest}`;
    case 3:
      return `00569${rest}`;
    default:
      return `9 ${rest.slice(0, 4)} ${rest.slice(4)}`;
  }
}

const TELECOBRANZAS_LANDLINE = `2${TELECOBRANZAS_NUMBER}`;

/** A Santiago landline (2 2XXX XXXX), never the Telecobranzas line. */
function randomLandline(rng: Rng): string {
  let rest = rng.digits(7);
  if (`22${rest}` === TELECOBRANZAS_LANDLINE) rest = '0000000';
  switch (rng.int(0, 3)) {
    case 0:
      return `(2) 2${rest.slice(0, 3)} ${rest.slice(3)}`;
    case 1:
      return `22${rest}`;
    case 2:
      return `+56 2 2${rest.slice(0, 3)} ${rest.slice(3)}`;
    default:
      return `2 2${rest.slice(0, 3)} ${rest.slice(3)}`;
  }
}

function randomPhones(rng: Rng, santiago: boolean): string[] {
  const roll = rng.next();
  if (roll < 0.03) return [];
  const phones = [randomMobile(rng)];
  if (roll > 0.65) phones.push(santiago && rng.chance(0.6) ? randomLandline(rng) : randomMobile(rng));
  return phones;
}

function randomNumero(rng: Rng): string {
  const n = rng.chance(0.7) ? rng.int(10, 3999) : rng.int(1, 12999);
  return rng.chance(0.04) ? `${n}-${rng.pick(['A', 'B', 'C'])}` : String(n);
}

/** RFC 4180: quote when the field holds a delimiter (either), a quote or a line break. */
const NEEDS_QUOTES = /[",;\r\n]/;
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `telefonos` and `bloqueos` always go quoted: their parts are `;`-separated. */
function csvList(values: readonly string[]): string {
  return values.length === 0 ? '' : `"${values.join(';').replace(/"/g, '""')}"`;
}

export interface DirectoryRow {
  codigo: string;
  rut: string;
  nombre: string;
  telefonos: readonly string[];
  email: string;
  region: string;
  comuna: string;
  calle: string;
  numero: string;
  bloqueos: readonly string[];
  codigoBloqueado: boolean;
  codigoNuevo: string;
  pedidoAbierto: string;
}

export function formatRow(r: DirectoryRow): string {
  return (
    `${csvField(r.codigo)},${csvField(r.rut)},${csvField(r.nombre)},${csvList(r.telefonos)},${csvField(r.email)},` +
    `${csvField(r.region)},${csvField(r.comuna)},${csvField(r.calle)},${csvField(r.numero)},${csvList(r.bloqueos)},` +
    `${r.codigoBloqueado ? 'SI' : 'NO'},${csvField(r.codigoNuevo)},${csvField(r.pedidoAbierto)}\n`
  );
}

// ---------------------------------------------------------------- rows

interface Identity {
  rut: string;
  nombre: string;
  telefonos: string[];
  email: string;
  region: string;
  comuna: string;
  calle: string;
  numero: string;
}

function randomIdentity(rng: Rng, companyChance = 0.15): Identity {
  const place = rng.pick(COMUNAS);
  const company = rng.chance(companyChance);
  let nombre: string;
  let email = '';
  if (company) {
    const kind = rng.pick(COMPANY_KINDS);
    const name = rng.pick(COMPANY_NAMES);
    const suffix = rng.pick(COMPANY_SUFFIXES);
    nombre = suffix ? `${kind} ${name} ${suffix}` : `${kind} ${name}`;
    if (rng.chance(0.8)) email = `contacto@${emailPart(name)}.cl`;
  } else {
    const names = rng.chance(0.5) ? FEMALE_NAMES : MALE_NAMES;
    const first = rng.pick(names);
    const last1 = rng.pick(SURNAMES);
    const last2 = rng.pick(SURNAMES);
    const given = rng.chance(0.25) ? `${first.text} ${rng.pick(names).text}` : first.text;
    nombre = `${given} ${last1.text} ${last2.text}`;
    if (rng.chance(0.85)) {
      const tail = rng.chance(0.5) ? String(rng.int(1, 99)) : '';
      email = `${first.mail}.${last1.mail}${tail}@${rng.pick(EMAIL_DOMAINS)}`;
    }
  }
  return {
    rut: randomRut(rng, company),
    nombre,
    telefonos: randomPhones(rng, place.rm),
    email,
    region: place.region,
    comuna: place.comuna,
    calle: rng.pick(STREETS),
    numero: randomNumero(rng),
  };
}

function randomTcCode(rng: Rng): string {
  const code = rng.chance(0.75) ? 'Z1' : rng.pick(TC_FORMAT_CODES);
  // Now and then typed by hand in the source system: lower case, stray spaces.
  return rng.chance(0.02) ? ` ${code.toLowerCase()} ` : code;
}

function randomBlocks(rng: Rng): string[] {
  const roll = rng.next();
  if (roll < 0.8) return [];
  if (roll < 0.9) return [randomTcCode(rng)];
  if (roll < 0.975) return [rng.pick(OTHER_BLOCKS)];
  const blocks: string[] = [];
  const count = rng.int(2, 3);
  while (blocks.length < count) {
    const code = rng.pick(MULTI_POOL);
    if (!blocks.includes(code)) blocks.push(code);
  }
  return blocks;
}

/**
 * Yields the file in chunks of about `chunkBytes`. Memory stays flat: at most one row is carried
 * over, for the two pairs that must sit together to be realistic:
 * - a replaced code (codigo_bloqueado=SI) is followed by its new record (same RUT, name, address);
 * - a Z3 record is followed by the enabled record of the new legal name at the same address.
 */
export function* generateDirectory(options: GenerateOptions, chunkBytes = 1 << 16): Generator<string> {
  const rng = new Rng(options.seed);
  let chunk = `${DIRECTORY_HEADER}\n`;
  let carried: Identity | null = null;
  let order = 1000;

  for (let i = 0; i < options.rows; i++) {
    const codigo = String(FIRST_CODE + i);
    const hasNext = i + 1 < options.rows;
    let row: DirectoryRow;

    if (carried) {
      row = { codigo, ...carried, bloqueos: [], codigoBloqueado: false, codigoNuevo: '', pedidoAbierto: '' };
      carried = null;
    } else {
      const who = randomIdentity(rng);
      const roll = rng.next();
      row = { codigo, ...who, bloqueos: [], codigoBloqueado: false, codigoNuevo: '', pedidoAbierto: '' };
      if (roll < 0.006) {
        row.codigoBloqueado = true;
        if (hasNext && rng.chance(0.85)) {
          row.codigoNuevo = String(FIRST_CODE + i + 1);
          carried = { ...who, telefonos: who.telefonos.slice() };
        }
      } else if (roll < 0.013 && hasNext) {
        row.bloqueos = ['Z3'];
        const successor = randomIdentity(rng, 0.6);
        carried = {
          ...successor,
          region: who.region,
          comuna: who.comuna,
          calle: who.calle,
          numero: who.numero,
          telefonos: rng.chance(0.5) ? who.telefonos.slice() : successor.telefonos,
        };
      } else {
        row.bloqueos = randomBlocks(rng);
        const collections = row.bloqueos.some(
          (code) => code.trim().toUpperCase() === 'Z1' || TC_FORMAT_CODES.includes(code.trim().toUpperCase()),
        );
        if (rng.chance(collections ? 0.25 : 0.02))
          row.pedidoAbierto = `PED-${order++}|${rng.pick(ORDER_STATUSES)}`;
      }
    }

    chunk += formatRow(row);
    if (chunk.length >= chunkBytes) {
      yield chunk;
      chunk = '';
    }
  }
  if (options.withFixtures) chunk += fixtureCsvRows().map(formatRow).join('');
  if (chunk) yield chunk;
}

/** The whole file as one string: for small directories and tests. */
export function generateDirectoryText(options: GenerateOptions): string {
  let text = '';
  for (const chunk of generateDirectory(options)) text += chunk;
  return text;
}

/** Streams the directory into `out`, waiting for 'drain' whenever the stream's buffer is full. */
export async function writeDirectory(options: GenerateOptions, out: Writable): Promise<void> {
  for (const chunk of generateDirectory(options)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
}

// ---------------------------------------------------------------- CLI

const USAGE = 'usage: npx tsx scripts/gen-directory.ts --rows N [--seed S] [--out FILE] [--with-fixtures]';

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      'with-fixtures': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const rows = Number(values.rows);
  if (!values.rows || !Number.isSafeInteger(rows) || rows < 0)
    throw new Error(`--rows must be a whole number ≥ 0\n${USAGE}`);
  const options: GenerateOptions = { rows, seed: values.seed, withFixtures: values['with-fixtures'] };

  const started = performance.now();
  if (values.out) {
    const file = createWriteStream(values.out);
    await writeDirectory(options, file);
    file.end();
    await once(file, 'finish');
  } else {
    // A closed pipe (`| head`) is not an error worth a stack trace.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
    await writeDirectory(options, process.stdout);
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(rows / Math.max(seconds, 1e-9));
  const extra = options.withFixtures ? ` (+${fixtureCsvRows().length} fixture rows)` : '';
  process.stderr.write(
    `gen-directory: ${rows} rows in ${seconds.toFixed(2)} s (${rate} rows/s), seed ${options.seed}${extra}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
