/** Form fields are data: the UI renders them and the schemas are built from them (app and server alike). */
export type FieldKind = 'text' | 'textarea' | 'rut' | 'email' | 'phone' | 'date';

export interface FieldDefinition {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  maxLength: number;
  /** Fewer characters than this (when given) is refused: a reason must say something. */
  minLength?: number;
  /** Customer attribute that pre-fills the field when the pop-up opens. */
  prefillFrom?: 'rut' | 'nombre' | 'email' | 'telefono';
  hint?: string;
  /** Dates: not before the day the form is written (a visit cannot be asked for the past). */
  notInPast?: boolean;
  /** Phones: must not be the same number as this other field (a second number that is the first helps no one). */
  differentFrom?: string;
}

const contactName: FieldDefinition = {
  name: 'contactName',
  label: 'Nombre de quien llama',
  kind: 'text',
  required: true,
  maxLength: 120,
  prefillFrom: 'nombre',
};
const rut: FieldDefinition = {
  name: 'rut',
  label: 'RUT del titular',
  kind: 'rut',
  required: true,
  maxLength: 12,
  prefillFrom: 'rut',
};
const contactPhone: FieldDefinition = {
  name: 'contactPhone',
  label: 'Teléfono de contacto',
  kind: 'phone',
  required: true,
  maxLength: 20,
  prefillFrom: 'telefono',
};
const altPhone = (required: boolean): FieldDefinition => ({
  name: 'altPhone',
  label: 'Segundo teléfono de contacto',
  kind: 'phone',
  required,
  maxLength: 20,
  differentFrom: 'contactPhone',
});
const email = (required: boolean): FieldDefinition => ({
  name: 'contactEmail',
  label: 'Correo electrónico',
  kind: 'email',
  required,
  maxLength: 254,
  prefillFrom: 'email',
});
const addressReference: FieldDefinition = {
  name: 'addressReference',
  label: 'Referencia de la dirección',
  kind: 'text',
  required: true,
  maxLength: 200,
  hint: 'Cómo llegar: entre calles, color de la casa, acceso del camión…',
};
const preferredDate: FieldDefinition = {
  name: 'preferredDate',
  label: 'Día preferido para la visita',
  kind: 'date',
  required: false,
  maxLength: 10,
  notInPast: true,
};
const observations = (required: boolean, label = 'Observaciones'): FieldDefinition => ({
  name: 'observations',
  label,
  kind: 'textarea',
  required,
  maxLength: 1000,
});

export const FORM_IDS = [
  'telecobranzas',
  'certificacion',
  'visitaInstalacion',
  'tanqueRetirado',
  'sinConsumo',
  'inactivo',
  'ticketBloqueo',
  'supervisor',
  'postventa',
  'postventaMotivo',
  'trasvasije',
  'nota',
] as const;
export type FormId = (typeof FORM_IDS)[number];

export interface FormDefinition {
  id: FormId;
  title: string;
  fields: FieldDefinition[];
}

export const FORMS: Record<FormId, FormDefinition> = {
  telecobranzas: {
    id: 'telecobranzas',
    title: 'Toma de datos para Telecobranzas',
    fields: [
      contactName,
      rut,
      contactPhone,
      email(false),
      {
        name: 'contactSchedule',
        label: 'Horario para contactarlo',
        kind: 'text',
        required: false,
        maxLength: 80,
      },
      observations(false),
    ],
  },
  certificacion: {
    id: 'certificacion',
    title: 'Aviso a Instalaciones: cliente en certificación',
    fields: [contactName, rut, contactPhone, email(false), observations(false)],
  },
  visitaInstalacion: {
    id: 'visitaInstalacion',
    title: 'Solicitud de visita técnica a la instalación',
    fields: [
      contactName,
      rut,
      contactPhone,
      altPhone(false),
      addressReference,
      preferredDate,
      observations(false),
    ],
  },
  tanqueRetirado: {
    id: 'tanqueRetirado',
    title: 'Derivación a Integridad de Instalaciones: tanque retirado',
    fields: [contactName, rut, contactPhone, email(false), observations(false)],
  },
  sinConsumo: {
    id: 'sinConsumo',
    title: 'Solicitud de visita a corto plazo: sin consumo',
    fields: [contactName, rut, contactPhone, addressReference, preferredDate, observations(false)],
  },
  inactivo: {
    id: 'inactivo',
    title: 'Datos para RRSS y Jefe de Servicio: cliente inactivo',
    fields: [
      contactName,
      rut,
      contactPhone,
      altPhone(true),
      addressReference,
      preferredDate,
      observations(false),
    ],
  },
  ticketBloqueo: {
    id: 'ticketBloqueo',
    title: 'Ticket postventa «Problema de bloqueo / Fuera de norma»',
    fields: [contactName, email(true), contactPhone, rut, observations(true, 'Descripción del problema')],
  },
  supervisor: {
    id: 'supervisor',
    title: 'Aviso al supervisor',
    fields: [observations(false, 'Comentario para el supervisor')],
  },
  // Post-sale requirements (seed 001): the leaf chosen travels in the submission's `requirement`.
  postventa: {
    id: 'postventa',
    title: 'Ticket postventa',
    fields: [
      contactName,
      email(true),
      contactPhone,
      rut,
      observations(false, 'Descripción del requerimiento'),
    ],
  },
  postventaMotivo: {
    id: 'postventaMotivo',
    title: 'Ticket postventa con motivo',
    fields: [
      contactName,
      email(true),
      contactPhone,
      rut,
      {
        ...observations(true, 'Motivo (obligatorio)'),
        minLength: 15,
        hint: 'El caso no está en la tipología: especifique en la descripción el motivo al cual se refiere.',
      },
    ],
  },
  trasvasije: {
    id: 'trasvasije',
    title: 'Devolución por trasvasije de gas: pasos realizados',
    fields: [
      contactName,
      contactPhone,
      {
        name: 'orderNumber',
        label: 'N.º de pedido tomado en STP',
        kind: 'text',
        required: true,
        maxLength: 30,
      },
      observations(false),
    ],
  },
  // Something new about a case already sent (the same customer and block, a few hours ago): it
  // goes to the same area as the case, never as a second case (see shared/forms/duplicates.ts).
  nota: {
    id: 'nota',
    title: 'Nota a un caso ya ingresado',
    fields: [observations(true, 'Nota para el área')],
  },
};
