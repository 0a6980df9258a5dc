/** Responsible areas a pop-up routes to. The back office maps each to its mailbox or queue. */
export const AREAS = {
  telecobranzas: { id: 'telecobranzas', name: 'Telecobranzas' },
  instalaciones: { id: 'instalaciones', name: 'Departamento de Instalaciones' },
  rrss: { id: 'rrss', name: 'Supervisor de RRSS y Jefe de Servicio' },
  postventa: { id: 'postventa', name: 'Postventa' },
  integridad: { id: 'integridad', name: 'Subgerencia de Integridad de Instalaciones' },
  visitas: { id: 'visitas', name: 'Programación de visitas técnicas' },
  supervisor: { id: 'supervisor', name: 'Supervisor del turno' },
} as const;

export type AreaId = keyof typeof AREAS;
