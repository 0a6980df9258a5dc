import { createReadStream } from 'node:fs';
import { AREAS } from '../../../shared/blocks/areas';
import { ROLES, type Role } from '../../../shared/api/roles';
import { ROUTE_KEYS, type RouteKey } from '../../../shared/api/routing';
import { UserError, createUser, listUsers, setDisabled, setPassword } from '../auth/users';
import { loadConfig } from '../config';
import { prepareDatabase } from '../db/prepare';
import { openDb } from '../db/open';
import type { Db } from '../db/types';
import { importDirectory } from '../directory/import';
import { loadRoutes, saveRoute } from '../routing/table';
import { listTicketTypes, setTicketTypeDueDays } from '../tickets/types';
import { CASE_ROLE_IDS, MAILBOX_KEYS, type MailboxKey } from '../../../shared/procedures';
import { loadMailboxes, saveMailbox } from '../cases/mailboxes';
import { loadCaseRoles, parseCaseRoles, setCaseRoles } from '../cases/roles';
import { option, parseArgs, required, type ParsedArgs } from './args';
import { describeUser, withAdminSession, type RemoteUser } from './remote';

const USAGE = `Uso: npm run server:admin -- <comando> [opciones]

  create-user --username U --password P --role agent|supervisor|admin|backoffice
              [--name "Nombre"] [--email correo] [--supervisor usuario]
              [--case-roles rol1,rol2]   (back office: qué pasos de los casos atiende)
  set-password --username U --password P     (cierra sus sesiones)
  disable-user --username U                  (no puede iniciar sesión; sus sesiones terminan)
  enable-user --username U
  set-case-roles --username U --roles rol1,rol2   (vacío: ninguno)
            Roles: ${CASE_ROLE_IDS.join(', ')}
  list-users
  list-mailboxes
  set-mailbox CASILLA --to a@x.cl,b@x.cl
            CASILLA: ${MAILBOX_KEYS.join(', ')}
  import-directory ARCHIVO.csv [--full]     (--full marca como eliminados los que no vienen)
  list-routes
  set-route CLAVE --to a@x.cl,b@x.cl [--area ID] [--to-supervisor] [--ticket]
            CLAVE: ${ROUTE_KEYS.join(', ')}
  list-ticket-types
  set-ticket-days TIPO DÍAS          (días hábiles de resolución; «default» vuelve al provisorio)
  migrate

Base de datos: DATABASE_URL, o la embebida en server/data (con el servidor detenido).
Con el servidor en marcha: --server http://127.0.0.1:8787 usa su API de administración
(create-user, set-password, disable-user, enable-user, list-users) con las credenciales
COMPANION_ADMIN_USER (por omisión admin) y COMPANION_ADMIN_PASSWORD.
La contraseña también puede venir en la variable COMPANION_PASSWORD (mejor que en la línea de
comandos, que otros usuarios del equipo pueden ver).`;

const REMOTE_COMMANDS = ['create-user', 'set-password', 'disable-user', 'enable-user', 'list-users'];

/** The user commands through a running server's admin API. */
async function runRemote(base: string, args: ParsedArgs, password: () => string): Promise<void> {
  const [command] = args.positionals;
  await withAdminSession(base, process.env, async (request) => {
    const target = () => encodeURIComponent(required(args, 'username').trim().toLowerCase());
    switch (command) {
      case 'create-user': {
        const user = await request<RemoteUser>('POST', '/admin/users', {
          username: required(args, 'username'),
          password: password(),
          role: required(args, 'role'),
          displayName: option(args, 'name'),
          email: option(args, 'email'),
          supervisor: option(args, 'supervisor'),
        });
        console.log(`Usuario creado: ${user.username} (${user.role})`);
        return;
      }
      case 'set-password':
        await request('POST', `/admin/users/${target()}/password`, { password: password() });
        console.log('Contraseña cambiada; las sesiones abiertas de ese usuario se cerraron.');
        return;
      case 'disable-user':
      case 'enable-user': {
        const user = await request<RemoteUser>('POST', `/admin/users/${target()}/${command.split('-')[0]}`);
        console.log(
          user.disabled ? `Cuenta ${user.username} desactivada.` : `Cuenta ${user.username} activada.`,
        );
        return;
      }
      case 'list-users':
        for (const user of (await request<{ users: RemoteUser[] }>('GET', '/admin/users')).users)
          console.log(describeUser(user));
    }
  });
}

async function run(db: Db, args: ParsedArgs): Promise<void> {
  const [command, ...rest] = args.positionals;
  const password = () =>
    option(args, 'password') ?? process.env.COMPANION_PASSWORD ?? required(args, 'password');
  switch (command) {
    case 'create-user': {
      const role = required(args, 'role') as Role;
      if (!ROLES.includes(role)) throw new UserError(`Rol inválido «${role}»: use ${ROLES.join(', ')}.`);
      const caseRoles = parseCaseRoles(option(args, 'case-roles') ?? '');
      const user = await createUser(db, {
        username: required(args, 'username'),
        password: password(),
        role,
        displayName: option(args, 'name'),
        email: option(args, 'email'),
        supervisor: option(args, 'supervisor'),
      });
      if (caseRoles.length > 0) await setCaseRoles(db, user.username, caseRoles);
      console.log(
        `Usuario creado: ${user.username} (${user.role}, id ${user.id})${caseRoles.length ? `, roles de caso: ${caseRoles.join(', ')}` : ''}`,
      );
      return;
    }
    case 'set-case-roles': {
      const username = required(args, 'username');
      const roles = await setCaseRoles(db, username, parseCaseRoles(option(args, 'roles') ?? ''));
      console.log(`Roles de caso de ${username}: ${roles.join(', ') || '(ninguno)'}`);
      return;
    }
    case 'list-mailboxes':
      for (const [key, recipients] of Object.entries(await loadMailboxes(db))) {
        console.log(`${key}\t${recipients.join(',') || '(sin correo)'}`);
      }
      return;
    case 'set-mailbox': {
      const key = rest[0] as MailboxKey;
      if (!MAILBOX_KEYS.includes(key))
        throw new UserError(`Casilla inválida «${rest[0] ?? ''}»: use ${MAILBOX_KEYS.join(', ')}.`);
      const recipients = (option(args, 'to') ?? '')
        .split(',')
        .map((a) => a.trim().toLowerCase())
        .filter(Boolean);
      const wrong = recipients.filter((address) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address));
      if (wrong.length > 0) throw new UserError(`Correo inválido: ${wrong.join(', ')}.`);
      await saveMailbox(db, key, recipients);
      console.log(`Casilla ${key}: ${recipients.join(', ') || '(sin correo)'}`);
      return;
    }
    case 'set-password':
      await setPassword(db, required(args, 'username'), password());
      console.log('Contraseña cambiada; las sesiones abiertas de ese usuario se cerraron.');
      return;
    case 'disable-user':
    case 'enable-user': {
      const user = await setDisabled(db, required(args, 'username'), command === 'disable-user');
      console.log(
        user.disabled ? `Cuenta ${user.username} desactivada.` : `Cuenta ${user.username} activada.`,
      );
      return;
    }
    case 'list-users':
      for (const user of await listUsers(db)) {
        const caseRoles = await loadCaseRoles(db, user.id);
        console.log(`${describeUser(user)}\t${caseRoles.join(',')}`);
      }
      return;
    case 'import-directory': {
      const file = rest[0];
      if (!file) throw new UserError('Indique el archivo CSV.');
      const started = Date.now();
      const result = await importDirectory(db, createReadStream(file), {
        mode: args.options.has('full') ? 'full' : 'upsert',
        userId: null,
        onProgress: (lines) => process.stderr.write(`\r${lines.toLocaleString('es-CL')} líneas…`),
      });
      process.stderr.write('\n');
      const { errors, warnings, ...counts } = result;
      console.log(JSON.stringify({ ...counts, seconds: (Date.now() - started) / 1000 }, null, 2));
      for (const issue of errors) console.log(`línea ${issue.line}: ${issue.reason}`);
      if (result.errorCount > errors.length)
        console.log(`… y ${result.errorCount - errors.length} errores más`);
      if (warnings.length > 0)
        console.log(
          `${result.warningCount} advertencias (p. ej. línea ${warnings[0]!.line}: ${warnings[0]!.reason})`,
        );
      return;
    }
    case 'list-routes':
      for (const route of (await loadRoutes(db)).values()) {
        console.log(
          `${route.key}\t${route.areaId}\t${route.recipients.join(',')}${route.toSupervisor ? '\t+supervisor' : ''}${route.createsTicket ? '\t+ticket' : ''}`,
        );
      }
      return;
    case 'set-route': {
      const key = rest[0] as RouteKey;
      if (!ROUTE_KEYS.includes(key))
        throw new UserError(`Clave inválida «${rest[0] ?? ''}»: use ${ROUTE_KEYS.join(', ')}.`);
      const current = (await loadRoutes(db)).get(key);
      const area = option(args, 'area') ?? current?.areaId;
      if (!area || !(area in AREAS))
        throw new UserError(`Área inválida: use ${Object.keys(AREAS).join(', ')}.`);
      const to = option(args, 'to');
      const saved = await saveRoute(db, {
        key,
        areaId: area,
        recipients:
          to !== undefined
            ? to
                .split(',')
                .map((a) => a.trim())
                .filter(Boolean)
            : (current?.recipients ?? []),
        toSupervisor: args.options.has('to-supervisor') || (current?.toSupervisor ?? false),
        createsTicket: args.options.has('ticket') || (current?.createsTicket ?? false),
      });
      console.log(`Ruta ${saved.key}: ${saved.recipients.join(', ') || '(sin correo)'}`);
      return;
    }
    case 'list-ticket-types':
      for (const type of await listTicketTypes(db)) {
        console.log(
          `${type.id}\t${type.dueBusinessDays} días hábiles${type.placeholder ? ' (provisorio)' : ''}${type.active ? '' : '\tretirado'}`,
        );
      }
      return;
    case 'set-ticket-days': {
      const [typeId, raw] = rest;
      const days = raw === 'default' ? null : Number(raw);
      if (!typeId || (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 365)))
        throw new UserError('Indique el tipo y los días hábiles (1 a 365, o «default»).');
      const type = await setTicketTypeDueDays(db, typeId, days, null);
      if (!type) throw new UserError(`No existe el tipo de ticket «${typeId}» (vea list-ticket-types).`);
      console.log(
        `${type.id}: ${type.dueBusinessDays} días hábiles${type.placeholder ? ' (provisorio)' : ''}`,
      );
      return;
    }
    case 'migrate':
      return;
    default:
      console.log(USAGE);
      if (command && command !== 'help') process.exitCode = 2;
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.positionals.length === 0) {
    console.log(USAGE);
    return;
  }
  const server = option(args, 'server');
  const password = () =>
    option(args, 'password') ?? process.env.COMPANION_PASSWORD ?? required(args, 'password');
  if (server) {
    if (!REMOTE_COMMANDS.includes(args.positionals[0]!))
      throw new UserError(`Con --server solo: ${REMOTE_COMMANDS.join(', ')}.`);
    await runRemote(server, args, password);
    return;
  }
  let db: Db;
  try {
    db = await openDb(loadConfig());
  } catch (error) {
    if (error instanceof Error && /en uso por el proceso/.test(error.message))
      throw new UserError(
        `${error.message}\nCon el servidor en marcha, use su API: agregue --server http://HOST:PUERTO (y COMPANION_ADMIN_PASSWORD).`,
      );
    throw error;
  }
  try {
    const applied = await prepareDatabase(db);
    if (applied.length > 0) console.error(`Migraciones aplicadas: ${applied.join(', ')}`);
    await run(db, args);
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof UserError || error instanceof Error ? error.message : error);
  process.exit(1);
});
