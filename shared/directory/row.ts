import { z } from 'zod';
import { classifyBlockCode, normalizeBlockCode } from '../blocks/codes';
import { UserFacingError } from '../errors/userFacing';
import { addressKey } from '../text/normalize';
import { isStorableText } from '../text/storable';
import { canonicalRut } from '../validation/rut';
import { normalizeChileanPhone } from '../validation/phone';
import { DIRECTORY_COLUMNS, type Customer, type DirectoryColumn } from './customer';

/** A problem with one line of a directory file, in Spanish for the person importing it. */
export interface RowIssue {
  line: number;
  reason: string;
}

export type RowResult =
  { ok: true; customer: Customer; warnings: RowIssue[] } | { ok: false; error: RowIssue };

export interface HeaderMap {
  columns: Record<DirectoryColumn, number>;
  width: number;
}

const emailSchema = z.email();

/** Maps column names to positions; columns may come in any order. Throws a Spanish message. */
export function readDirectoryHeader(fields: string[]): HeaderMap {
  const names = fields.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim().toLowerCase());
  const missing = DIRECTORY_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    throw new UserFacingError(
      `El archivo no es un directorio válido: faltan las columnas ${missing.join(', ')} en la línea 1.`,
    );
  }
  const columns = Object.fromEntries(DIRECTORY_COLUMNS.map((column) => [column, names.indexOf(column)]));
  return { columns: columns as HeaderMap['columns'], width: names.length };
}

function splitList(value: string): string[] {
  return value
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Turns one CSV record into a customer, or says in Spanish why it cannot. */
export function parseDirectoryRecord(fields: string[], header: HeaderMap, line: number): RowResult {
  const fail = (reason: string): RowResult => ({ ok: false, error: { line, reason } });
  if (fields.length !== header.width) {
    return fail(`número de columnas incorrecto: se esperaban ${header.width} y hay ${fields.length}`);
  }
  // PostgreSQL cannot store a NUL; a file carrying one is damaged at that line, not everywhere.
  if (fields.some((field) => !isStorableText(field))) {
    return fail('contiene caracteres no válidos (un carácter nulo): corrija esa línea del archivo');
  }
  const get = (column: DirectoryColumn): string => (fields[header.columns[column]] ?? '').trim();
  const warnings: RowIssue[] = [];

  const codigo = get('codigo');
  if (!codigo) return fail('falta el código de cliente');
  if (!/^[A-Za-z0-9-]{1,20}$/.test(codigo)) return fail(`código de cliente inválido «${codigo}»`);

  const rutRaw = get('rut');
  if (!rutRaw) return fail('falta el RUT');
  const rut = canonicalRut(rutRaw);
  if (!rut)
    return fail(`RUT inválido «${rutRaw}» (el dígito verificador no corresponde o el formato es incorrecto)`);

  const nombre = get('nombre');
  if (!nombre) return fail('falta el nombre del cliente');

  const telefonos: string[] = [];
  for (const raw of splitList(get('telefonos'))) {
    const phone = normalizeChileanPhone(raw);
    if (phone) {
      if (!telefonos.includes(phone)) telefonos.push(phone);
    } else warnings.push({ line, reason: `teléfono «${raw}» no es un número chileno válido: se omitió` });
  }

  let email = get('email');
  if (email && !emailSchema.safeParse(email).success) {
    warnings.push({ line, reason: `correo «${email}» no es válido: se omitió` });
    email = '';
  }

  const bloqueadoRaw = get('codigo_bloqueado').toUpperCase();
  if (!['', 'SI', 'SÍ', 'NO'].includes(bloqueadoRaw)) {
    return fail(`codigo_bloqueado debe ser SI o NO (dice «${get('codigo_bloqueado')}»)`);
  }
  const codigoBloqueado = bloqueadoRaw === 'SI' || bloqueadoRaw === 'SÍ';

  const pedidoRaw = get('pedido_abierto');
  let pedidoAbierto: Customer['pedidoAbierto'] = null;
  if (pedidoRaw) {
    const [id, ...statusParts] = pedidoRaw.split('|');
    const status = statusParts.join('|').trim();
    if (!id?.trim() || !status)
      return fail(`pedido_abierto debe tener la forma <id>|<estado> (dice «${pedidoRaw}»)`);
    pedidoAbierto = { id: id.trim(), status };
  }

  const bloqueos: string[] = [];
  for (const raw of splitList(get('bloqueos'))) {
    const code = normalizeBlockCode(raw);
    if (bloqueos.includes(code)) continue;
    bloqueos.push(code);
    // Kept (the block is real), but whoever imports should know no area will receive its forms.
    if (classifyBlockCode(code).kind === 'unknown')
      warnings.push({
        line,
        reason: `código de bloqueo «${code}» desconocido: se importó, y su pop-up deriva el caso al supervisor`,
      });
  }

  const comuna = get('comuna');
  const numero = get('numero');
  return {
    ok: true,
    warnings,
    customer: {
      codigo,
      rut,
      nombre,
      telefonos,
      email,
      region: get('region'),
      comuna,
      calle: get('calle'),
      numero,
      bloqueos,
      codigoBloqueado,
      codigoNuevo: get('codigo_nuevo') || null,
      pedidoAbierto,
      addressKey: addressKey(comuna, numero),
    },
  };
}
