/**
 * COM-DSC-P10 «Gestión comercial técnica para evitar anulaciones» (seed 003): a work order or
 * request at risk of anulación is a case. Who detects the observation decides where it starts
 * (Depto. Gestión de Red, Centro de Operaciones Comercial, or the técnico multiservicios through
 * the Centro de Operaciones Zonal); it ends «no anulada» or «anulada», which feed the indicator
 * (no anuladas × 100 / probables de anulación: > 95 % aceptado, ≤ 95 % observado).
 *
 * Deadlines the seed states: correction "en el día" (step 4), re-digitación within 2 hours (19.2),
 * zonificación sent to Facturación before the month ends (21). The other steps get one business day.
 */
import { choice, note, text } from './fields';
import type { CaseField, ProcedureDefinition } from './types';

const SI_GROUPS = [
  { value: 'monitoras_plataforma', label: 'Monitoras Plataforma' },
  { value: 'team_leader_ventas', label: 'Team Leader Ventas' },
  { value: 'asesor_comercial', label: 'Asesor Comercial / Ejecutivo de Ventas' },
  { value: 'gestion_red', label: 'Depto. Gestión de Red (asignación automática)' },
] as const;

const siNumber = (): CaseField => text('siNumber', 'Número del Servicio de Ingeniería', { maxLength: 30 });
const siGroup = (): CaseField => choice('siGroup', 'Grupo al que se dirige', SI_GROUPS);

const OPENING_FIELDS: CaseField[] = [
  text('requestNumber', 'Número de solicitud', { maxLength: 30 }),
  text('workOrder', 'Orden de trabajo', { maxLength: 30, required: false }),
  choice('requestType', 'Tipo de solicitud', [
    { value: 'instalacion', label: 'Instalación' },
    { value: 'traslado', label: 'Traslado' },
    { value: 'migracion', label: 'Migración' },
  ]),
  text('customerCode', 'Código de cliente', { maxLength: 20, required: false }),
  text('customerName', 'Nombre del cliente', { maxLength: 200, required: false }),
  note('observation', 'Observación (error u omisión detectada)'),
  text('seller', 'Vendedor'),
  text('advisor', 'Asesor comercial'),
];

export const ANULACION_PROCEDURE: ProcedureDefinition = {
  id: 'anulacion',
  code: 'COM-DSC-P10',
  title: 'Evitar anulaciones de órdenes de trabajo',
  summary:
    'Órdenes de trabajo o solicitudes con riesgo de anulación: corregirlas a tiempo y, si no se puede, anularlas coordinadamente. Indicador: no anuladas × 100 / probables de anulación.',
  subject: { field: 'requestNumber', label: 'Solicitud' },
  openings: [
    {
      id: 'detectada_gestion_red',
      label: 'Detectada por Depto. Gestión de Red',
      source: 'manual',
      roles: ['gestion_red'],
      fields: OPENING_FIELDS,
      target: { step: 'reportar_si' },
    },
    {
      id: 'detectada_operaciones',
      label: 'Detectada por el Centro de Operaciones Comercial',
      source: 'manual',
      roles: ['operaciones_comercial'],
      fields: OPENING_FIELDS,
      target: { step: 'analizar_observacion' },
    },
    {
      id: 'reportada_tecnico',
      label: 'Reportada por el técnico multiservicios',
      source: 'manual',
      roles: ['operaciones_zonal', 'operaciones_comercial'],
      fields: [
        ...OPENING_FIELDS,
        text('technician', 'Técnico que reporta'),
        choice('technicianAssessment', 'Según el técnico, la observación es', [
          { value: 'subsanable_otro_sector', label: 'Subsanable, con gestión de otro sector' },
          { value: 'de_fondo', label: 'De fondo, no subsanable' },
        ]),
      ],
      target: { step: 'verificar_ot_zonal' },
    },
  ],
  steps: {
    reportar_si: {
      id: 'reportar_si',
      ref: 'Pasos 2–3',
      title: 'Reportar la observación mediante Servicio de Ingeniería',
      roles: ['gestion_red'],
      instructions: [
        'Observe la digitación: error u omisión en la denominación de calles, datos técnicos u otros.',
        'Genere un Servicio de Ingeniería al grupo que corresponda con número de solicitud, observación, vendedor y asesor comercial; pida en observaciones más referencias de dirección, caja más cercana u otros datos que eviten la anulación.',
        'Agote las opciones (incluido comunicarse con el abonado) y aproveche de identificar zonas y puntos de referencia para el QGis.',
      ],
      deadline: { kind: 'endOfBusinessDay' },
      actions: [
        {
          id: 'solucion_encontrada',
          label: 'Hay solución: la corrige la asesora',
          fields: [siNumber(), siGroup(), note('correction', 'Corrección que se debe digitar')],
          target: { step: 'corregir_solicitud' },
        },
        {
          id: 'sin_solucion',
          label: 'Sin solución por ahora: vigilar el tablero',
          fields: [siNumber(), note('note', 'Qué se intentó')],
          target: { step: 'verificar_tablero' },
        },
      ],
    },
    corregir_solicitud: {
      id: 'corregir_solicitud',
      ref: 'Paso 4',
      title: 'Digitar la modificación (en el día)',
      roles: ['atencion_cliente'],
      instructions: [
        'Digite la modificación en el campo observación de la solicitud (caso NAPs).',
        'Cierre el Servicio de Ingeniería como atendido, en el día.',
        'Modificación de forma (caso equipos): hágala una vez ejecutada la orden de trabajo.',
      ],
      deadline: { kind: 'endOfBusinessDay' },
      actions: [
        {
          id: 'modificacion_digitada',
          label: 'Modificación digitada y Servicio de Ingeniería cerrado',
          fields: [note('correctionNote', 'Comentario', { required: false, maxLength: 1000 })],
          target: { step: 'verificar_tablero' },
        },
        {
          id: 'no_atendido_en_el_dia',
          label: 'No se atendió en el día',
          roles: ['gestion_red'],
          fields: [note('note', 'Comentario', { required: false, maxLength: 1000 })],
          target: { step: 'verificar_tablero' },
        },
      ],
    },
    verificar_tablero: {
      id: 'verificar_tablero',
      ref: 'Paso 5',
      title: 'Verificar el Tablero de Control antes de anular',
      roles: ['gestion_red'],
      instructions: [
        'Revise el Tablero de Control de Servicios de Ingeniería y verifique la corrección del error u omisión.',
        'Si se subsanó, asigne la orden para su instalación; si no, proceda con la anulación de la orden de trabajo.',
        'Si la orden de trabajo ya fue ejecutada, corrija los datos con el formulario de zonificación.',
      ],
      deadline: { kind: 'businessDays', days: 1 },
      actions: [
        {
          id: 'asignada_instalacion',
          label: 'Subsanada: asignada para instalación',
          fields: [],
          target: { end: 'no_anulada' },
        },
        {
          id: 'requiere_zonificacion',
          label: 'Orden ya ejecutada: requiere zonificación',
          fields: [],
          target: { step: 'zonificacion' },
        },
        {
          id: 'anular',
          label: 'No se subsanó: anular la orden de trabajo',
          fields: [note('reason', 'Motivo de la anulación')],
          target: { end: 'anulada' },
        },
      ],
    },
    analizar_observacion: {
      id: 'analizar_observacion',
      ref: 'Pasos 6–7',
      title: 'Analizar la observación: ¿es subsanable?',
      roles: ['operaciones_comercial'],
      instructions: [
        'Detectó una observación que podría ser motivo de anulación.',
        'Si el error u omisión es subsanable, genere un Servicio de Ingeniería a Monitoras Plataforma, Team Leader Ventas o Depto. Gestión de Red (asignación automática).',
        'Si no, analice la anulación de la orden de trabajo.',
      ],
      deadline: { kind: 'endOfBusinessDay' },
      actions: [
        {
          id: 'subsanable',
          label: 'Subsanable: generar Servicio de Ingeniería',
          fields: [siNumber(), siGroup(), note('correction', 'Corrección que se debe digitar')],
          target: { step: 'corregir_solicitud' },
        },
        {
          id: 'no_subsanable',
          label: 'No subsanable: analizar la anulación',
          fields: [],
          target: { step: 'analizar_anulacion' },
        },
      ],
    },
    analizar_anulacion: {
      id: 'analizar_anulacion',
      ref: 'Pasos 8–10',
      title: 'Analizar la anulación de la orden de trabajo',
      roles: ['operaciones_comercial'],
      instructions: [
        'Error de fondo que se subsana con una re-digitación: anule y genere un Servicio de Ingeniería para re-digitar, con todos los datos precisos observados.',
        'Error no subsanable: coordine la anulación con el Centro de Operaciones zonal.',
      ],
      deadline: { kind: 'businessDays', days: 1 },
      actions: [
        {
          id: 'pedir_redigitacion',
          label: 'Anular y pedir re-digitación',
          fields: [siNumber(), note('correction', 'Datos precisos para re-digitar')],
          target: { step: 'redigitar' },
        },
        {
          id: 'coordinar_anulacion',
          label: 'Anulación coordinada con el C.O. zonal',
          fields: [text('zonalContact', 'Con quién se coordinó'), note('reason', 'Motivo de la anulación')],
          target: { end: 'anulada' },
        },
      ],
    },
    redigitar: {
      id: 'redigitar',
      ref: 'Paso 19.2',
      title: 'Re-digitar la solicitud (dentro de 2 horas)',
      roles: ['atencion_cliente'],
      instructions: [
        'Ingrese en el sistema una nueva solicitud dentro de 2 horas, con las observaciones y los datos entregados.',
      ],
      deadline: { kind: 'businessHours', hours: 2 },
      actions: [
        {
          id: 'solicitud_redigitada',
          label: 'Nueva solicitud ingresada',
          fields: [text('newRequestNumber', 'Número de la nueva solicitud', { maxLength: 30 })],
          target: { end: 'redigitada' },
        },
      ],
    },
    verificar_ot_zonal: {
      id: 'verificar_ot_zonal',
      ref: 'Pasos 14–18',
      title: 'Verificar la orden reportada por el técnico',
      roles: ['operaciones_zonal'],
      instructions: [
        'El técnico multiservicios reportó una observación en la orden de trabajo (datos comerciales, técnicos, equipos o solicitudes del cliente).',
        'Verifique la orden y direcciónela vía sistema al Centro de Operaciones Comercial para su análisis y gestión.',
      ],
      deadline: { kind: 'businessDays', days: 1 },
      actions: [
        {
          id: 'direccionada_operaciones',
          label: 'Direccionada al C.O. Comercial',
          fields: [note('note', 'Comentario', { required: false, maxLength: 1000 })],
          target: { step: 'gestionar_ot' },
        },
      ],
    },
    gestionar_ot: {
      id: 'gestionar_ot',
      ref: 'Pasos 11–13',
      title: 'Gestionar la orden direccionada por el C.O. zonal',
      roles: ['operaciones_comercial'],
      instructions: [
        'Analice y gestione la orden de trabajo hasta agotar los recursos de solución.',
        'Subsanada: re-direcciónela por sistema para que se ejecute la instalación (procedimiento TEC-DPA-P01).',
        'No subsanada: re-direcciónela por sistema ratificando la anulación.',
      ],
      deadline: { kind: 'businessDays', days: 1 },
      actions: [
        {
          id: 'subsanada',
          label: 'Subsanada: re-direccionada para instalación',
          fields: [],
          target: { end: 'no_anulada' },
        },
        {
          id: 'ratificar_anulacion',
          label: 'No subsanada: ratificar la anulación',
          fields: [note('reason', 'Motivo de la anulación')],
          target: { end: 'anulada' },
        },
      ],
    },
    zonificacion: {
      id: 'zonificacion',
      ref: 'Pasos 20–21',
      title: 'Zonificación y envío a Facturación',
      roles: ['gestion_red'],
      instructions: [
        'Recibió el formulario de zonificación de una orden ya ejecutada: corrija los datos en el sistema.',
        'Reporte los impedimentos en Servicios de Ingeniería (p. ej. falta de cierre de la orden por el Centro de Operaciones, impedimentos comerciales, problemas de sistema).',
        'Digite la zonificación en Smartflex: el caso entra en la planilla del mes para Div. Facturación, que se envía antes de fin de mes para no generar cobro al cliente.',
      ],
      deadline: { kind: 'endOfMonth' },
      actions: [
        {
          id: 'impedimento',
          label: 'Registrar impedimento',
          fields: [note('impediment', 'Impedimento'), siNumber()],
          target: { stay: true },
          restartsDeadline: false,
        },
        {
          id: 'zonificacion_digitada',
          label: 'Zonificación digitada en Smartflex',
          fields: [note('zoning', 'Datos corregidos (zona, dirección, sector…)', { maxLength: 1000 })],
          target: { end: 'zonificada' },
        },
      ],
    },
  },
  endStates: {
    no_anulada: { id: 'no_anulada', label: 'No anulada', tone: 'positive', indicator: 'no_anulada' },
    zonificada: {
      id: 'zonificada',
      label: 'No anulada — zonificación para Facturación',
      tone: 'positive',
      indicator: 'no_anulada',
      billingExport: true,
    },
    anulada: { id: 'anulada', label: 'Anulada', tone: 'negative', indicator: 'anulada' },
    redigitada: {
      id: 'redigitada',
      label: 'Anulada y re-digitada',
      tone: 'negative',
      indicator: 'anulada',
    },
  },
  mails: {},
};
