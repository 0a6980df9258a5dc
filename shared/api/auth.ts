import { z } from 'zod';
import { defineEndpoint } from './endpoint';
import { apiErrorFor } from './errors';
import { storableString } from '../text/storable';
import { ROLES } from './roles';

/** Passwords: at least 8 characters (what createUser and setPassword also require). */
export const MIN_PASSWORD_LENGTH = 8;
const newPassword = storableString().min(MIN_PASSWORD_LENGTH).max(256);

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    supervisorId: z.number().int().nullable(),
    disabled: z.boolean().meta({ description: 'No puede iniciar sesión.' }),
  })
  .meta({ id: 'User' });

const sessionSchema = z
  .object({ token: z.string().min(1), expiresAt: z.iso.datetime(), user: userSchema })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionSchema>;

export const postLogin = defineEndpoint({
  method: 'POST',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Inicia sesión y entrega un token Bearer',
  access: 'public',
  body: z.strictObject({
    username: storableString().min(1).max(64),
    password: storableString().min(1).max(256),
  }),
  responses: { 200: sessionSchema },
  errors: { 401: apiErrorFor('Usuario o contraseña incorrectos, o cuenta deshabilitada.') },
});

export const postRefresh = defineEndpoint({
  method: 'POST',
  path: '/auth/refresh',
  tags: ['auth'],
  summary: 'Renueva el token (el anterior deja de valer)',
  description:
    'El token nuevo vence a las TOKEN_TTL_HOURS o al cumplirse TOKEN_MAX_HOURS desde el inicio de sesión, lo que ocurra antes; pasado ese máximo responde 401 y hay que iniciar sesión de nuevo.',
  access: 'signed-in',
  responses: { 200: sessionSchema },
});

export const postLogout = defineEndpoint({
  method: 'POST',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'Cierra la sesión',
  access: 'signed-in',
  responses: { 204: z.null() },
});

export const getMe = defineEndpoint({
  method: 'GET',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'Usuario de la sesión',
  access: 'signed-in',
  responses: { 200: userSchema },
});

export const getUsers = defineEndpoint({
  method: 'GET',
  path: '/admin/users',
  tags: ['admin'],
  summary: 'Lista de usuarios',
  access: ['admin'],
  responses: { 200: z.object({ users: z.array(userSchema) }) },
});

export const postUser = defineEndpoint({
  method: 'POST',
  path: '/admin/users',
  tags: ['admin'],
  summary: 'Crea un usuario',
  access: ['admin'],
  body: z.strictObject({
    username: storableString().min(2).max(64),
    password: newPassword,
    role: z.enum(ROLES),
    displayName: storableString().max(120).optional(),
    email: z.email().max(254).optional(),
    supervisor: storableString().max(64).optional().meta({ description: 'Usuario del supervisor.' }),
  }),
  responses: { 201: userSchema },
  errors: { 409: apiErrorFor('El usuario ya existe.') },
});

const usernameParam = z.object({ username: storableString().min(1).max(64) });
const noSuchUser = apiErrorFor('No existe ese usuario.');

export const postOwnPassword = defineEndpoint({
  method: 'POST',
  path: '/auth/password',
  tags: ['auth'],
  summary: 'Cambia la propia contraseña (cierra las demás sesiones de la cuenta)',
  access: 'signed-in',
  body: z.strictObject({ currentPassword: storableString().min(1).max(256), newPassword }),
  responses: { 204: z.null() },
});

export const postUserPassword = defineEndpoint({
  method: 'POST',
  path: '/admin/users/:username/password',
  tags: ['admin'],
  summary: 'Fija la contraseña de un usuario (cierra todas sus sesiones)',
  access: ['admin'],
  params: usernameParam,
  body: z.strictObject({ password: newPassword }),
  responses: { 200: userSchema },
  errors: { 404: noSuchUser },
});

export const postUserDisable = defineEndpoint({
  method: 'POST',
  path: '/admin/users/:username/disable',
  tags: ['admin'],
  summary: 'Desactiva una cuenta: no puede iniciar sesión y sus sesiones terminan',
  access: ['admin'],
  params: usernameParam,
  responses: { 200: userSchema },
  errors: {
    404: noSuchUser,
    409: apiErrorFor('Es el último administrador activo: cree o active otro primero.'),
  },
});

export const postUserEnable = defineEndpoint({
  method: 'POST',
  path: '/admin/users/:username/enable',
  tags: ['admin'],
  summary: 'Activa una cuenta desactivada',
  access: ['admin'],
  params: usernameParam,
  responses: { 200: userSchema },
  errors: { 404: noSuchUser },
});
