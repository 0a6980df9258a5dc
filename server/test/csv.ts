import { DIRECTORY_COLUMNS } from '../../shared/directory/customer';

/** Chilean RUT check digit (mod 11). */
export function rutWithDv(body: number): string {
  let sum = 0;
  let factor = 2;
  for (const digit of String(body).split('').reverse()) {
    sum += Number(digit) * factor;
    factor = factor === 7 ? 2 : factor + 1;
  }
  const dv = 11 - (sum % 11);
  return `${body}-${dv === 11 ? '0' : dv === 10 ? 'K' : dv}`;
}

const BLOCKS = ['', '', '', 'Z1', 'Z0', 'ZA', 'Z4', 'Z5', 'Z9', 'ZB', '2M', 'Z3'];
const COMUNAS = ['Ñuñoa', 'Providencia', 'Maipú', 'La Florida', 'Viña del Mar', 'Concepción'];

/** One deterministic, valid directory line for customer number `i` (suffix changes the name). */
export function csvLine(i: number, nameSuffix = ''): string {
  const fields = [
    String(100000 + i),
    rutWithDv(5_000_000 + i * 7),
    `"Cliente ${i}${nameSuffix}, Granel"`,
    `"+5691${String(i % 10_000_000).padStart(7, '0')};22${String(6_000_000 + (i % 999_999)).padStart(7, '0')}"`,
    i % 3 === 0 ? `cliente${i}@correo.cl` : '',
    'RM',
    COMUNAS[i % COMUNAS.length]!,
    `Calle ${i % 500}`,
    String(i % 9000),
    BLOCKS[i % BLOCKS.length]!,
    i % 97 === 0 ? 'SI' : 'NO',
    i % 97 === 0 ? String(900000 + i) : '',
    i % 11 === 0 ? `PED-${i}|En ruta` : '',
  ];
  return fields.join(',');
}

export const CSV_HEADER = DIRECTORY_COLUMNS.join(',');

/** Lines `from`..`to-1` with a header, generated lazily (for big streamed imports). */
export function* csvChunks(
  from: number,
  to: number,
  linesPerChunk = 1000,
  nameSuffix = '',
): Generator<string> {
  yield `${CSV_HEADER}\n`;
  for (let start = from; start < to; start += linesPerChunk) {
    let chunk = '';
    for (let i = start; i < Math.min(to, start + linesPerChunk); i += 1)
      chunk += `${csvLine(i, nameSuffix)}\n`;
    yield chunk;
  }
}

export function csvText(from: number, to: number, nameSuffix = ''): string {
  return [...csvChunks(from, to, 1000, nameSuffix)].join('');
}
