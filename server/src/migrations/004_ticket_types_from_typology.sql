-- Ticket types are derived from the post-sale typology in shared/requirements/typology.ts (seed 001):
-- each row is keyed by the leaf's stable id and kept in step by the server at start-up
-- (server/src/tickets/types.ts), so there is no second hand-kept list. This migration moves the
-- rows of 002 onto their leaf ids (tickets keep their type), and replaces the calendar days of 002
-- with business days: the typology's defaults (placeholders) unless an admin sets a value.

ALTER TABLE ticket_typologies ADD COLUMN leaf_id text;
ALTER TABLE ticket_typologies ADD COLUMN active boolean NOT NULL DEFAULT true;
-- From the typology (placeholders until the back office gives the real ones), synced at start.
ALTER TABLE ticket_typologies ADD COLUMN default_due_days integer;
-- Set by an admin (PUT /admin/ticket-types/:id); NULL = use the default.
ALTER TABLE ticket_typologies ADD COLUMN due_days integer CHECK (due_days BETWEEN 1 AND 365);
ALTER TABLE ticket_typologies ADD COLUMN due_days_set_by bigint REFERENCES users (id);
ALTER TABLE ticket_typologies ADD COLUMN due_days_set_at timestamptz;
ALTER TABLE ticket_typologies ALTER COLUMN subitem DROP NOT NULL;
ALTER TABLE ticket_typologies DROP CONSTRAINT ticket_typologies_asunto_item_subitem_key;

UPDATE ticket_typologies y SET leaf_id = m.leaf_id, default_due_days = y.resolution_days
  FROM (VALUES
  ('Servicio', 'Problema de bloqueo', 'Fuera de norma', 'servicio.problema-bloqueo.fuera-de-norma'),
  ('Servicio', 'Problema de bloqueo', 'Pagos pendientes', 'servicio.problema-bloqueo.pagos-pendientes'),
  ('Servicio', 'Problema de bloqueo', 'Duplicidad', 'servicio.problema-bloqueo.duplicidad'),
  ('Servicio', 'Problema de bloqueo', 'En proceso de certificación', 'servicio.problema-bloqueo.en-certificacion'),
  ('Servicio', 'Problema de bloqueo', 'Error de creación', 'servicio.problema-bloqueo.error-creacion'),
  ('Servicio', 'Problema de bloqueo', 'Sin consumo', 'servicio.problema-bloqueo.sin-consumo'),
  ('Servicio', 'Problema de bloqueo', 'Instalación requiere visita', 'servicio.problema-bloqueo.requiere-visita'),
  ('Servicio', 'Problemas con instalación', 'Instalación fuera de norma, cliente informado', 'servicio.problemas-instalacion.fuera-norma-informado'),
  ('Servicio', 'Problemas con instalación', 'Instalación fuera de norma, cliente no informado', 'servicio.problemas-instalacion.fuera-norma-no-informado'),
  ('Servicio', 'Mala atención personal de terreno', 'Por trato', 'servicio.mala-atencion-terreno.por-trato'),
  ('Servicio', 'Mala atención personal de terreno', 'Por información', 'servicio.mala-atencion-terreno.por-informacion'),
  ('Servicio', 'Solicita entrega en tipo de camión X', 'No corresponde cambio', 'servicio.tipo-camion.no-corresponde-cambio'),
  ('Servicio', 'Solicita entrega en tipo de camión X', 'Camión modificado', 'servicio.tipo-camion.camion-modificado'),
  ('Servicio', 'Abastecen más de lo solicitado', 'Error tripulación', 'servicio.abastecen-mas.error-tripulacion'),
  ('Servicio', 'Abastecen más de lo solicitado', 'Solicitud cliente', 'servicio.abastecen-mas.solicitud-cliente'),
  ('Servicio', 'Abastecen menos de lo solicitado', 'Capacidad tanque', 'servicio.abastecen-menos.capacidad-tanque'),
  ('Servicio', 'Abastecen menos de lo solicitado', 'Responsabilidad cliente', 'servicio.abastecen-menos.responsabilidad-cliente'),
  ('Servicio', 'Abastecen menos de lo solicitado', 'Error tripulación', 'servicio.abastecen-menos.error-tripulacion'),
  ('Servicio', 'Abastecen menos de lo solicitado', 'Problemas en marcador %', 'servicio.abastecen-menos.problemas-marcador'),
  ('Servicio', 'Abastecen menos de lo solicitado', 'Camión sin gas', 'servicio.abastecen-menos.camion-sin-gas'),
  ('Servicio', 'Mala atención', 'Telefónica', 'servicio.mala-atencion.telefonica'),
  ('Servicio', 'Mala atención', 'Personal de req', 'servicio.mala-atencion.personal-req'),
  ('Servicio', 'Mala o no atención de emergencias', 'En visita', 'servicio.atencion-emergencias.en-visita'),
  ('Servicio', 'Mala o no atención de emergencias', 'Por inconformidad de solución', 'servicio.atencion-emergencias.inconformidad-solucion'),
  ('Servicio', 'Pedido no registrado', 'Por error de ejecutivo / Call Center', 'servicio.pedido-no-registrado.error-ejecutivo'),
  ('Servicio', 'Pedido no registrado', 'Por error de sistema / APP - Sitio web', 'servicio.pedido-no-registrado.error-sistema'),
  ('Servicio', 'Pedido mal registrado', 'Por error de ejecutivo / Call Center - Sitio web', 'servicio.pedido-mal-registrado.error-ejecutivo'),
  ('Servicio', 'Pedido mal registrado', 'Por error de cliente / APP - Sitio web', 'servicio.pedido-mal-registrado.error-cliente'),
  ('Servicio', 'Problemas con entrega de antecedentes de Inscripción SEC', 'Certificación instalaciones', 'servicio.antecedentes-sec'),
  ('Servicio', 'No conforme con atención de requerimiento', 'Respuesta fuera de plazo', 'servicio.no-conforme.fuera-de-plazo'),
  ('Servicio', 'No conforme con atención de requerimiento', 'Inconformidad en la respuesta', 'servicio.no-conforme.inconformidad'),
  ('Servicio', 'Otros (Servicio)', 'Otros', 'servicio.otros'),
  ('Pagos', 'Relativos al pago', 'Por formas de pago', 'pagos.relativos-pago.formas-pago'),
  ('Pagos', 'Relativos al pago', 'Debe vuelto', 'pagos.relativos-pago.debe-vuelto'),
  ('Pagos', 'Relativos al pago', 'Debe factura', 'pagos.relativos-pago.debe-factura'),
  ('Pagos', 'Relativos al pago', 'Cobros irregulares con tarjetas', 'pagos.relativos-pago.cobros-tarjetas'),
  ('Pagos', 'Relativos al pago', 'Error en cobro', 'pagos.relativos-pago.error-cobro'),
  ('Pagos', 'Relativos al pago', 'Inconformidad en precios', 'pagos.relativos-pago.inconformidad-precios'),
  ('Pagos', 'Relativos al pago', 'No se puede realizar transacción', 'pagos.relativos-pago.transaccion'),
  ('Pagos', 'Relativos al pago', 'Campañas promocionales', 'pagos.relativos-pago.campanas'),
  ('Pagos', 'Relativos al pago', 'NC pendiente por retiro de gas', 'pagos.relativos-pago.nc-retiro-gas'),
  ('Pagos', 'Devolución por trasvasije de gas', 'Devolución por trasvasije de gas', 'pagos.trasvasije'),
  ('Postventa', 'Cambio ubicación tanque', 'No factibilidad técnica', 'postventa.cambio-ubicacion.no-factibilidad'),
  ('Postventa', 'Cambio ubicación tanque', 'No aprueba presupuesto', 'postventa.cambio-ubicacion.no-aprueba-presupuesto'),
  ('Postventa', 'Cambio ubicación tanque', 'Generación nuevo proyecto', 'postventa.cambio-ubicacion.nuevo-proyecto'),
  ('Postventa', 'Atención comercial por fuga', 'Fuga redes exterior', 'postventa.fuga.exterior'),
  ('Postventa', 'Atención comercial por fuga', 'Fuga redes interiores', 'postventa.fuga.interiores'),
  ('Postventa', 'Normalización instalación', 'Normalización por parte de cliente', 'postventa.normalizacion.cliente'),
  ('Postventa', 'Normalización instalación', 'Normalización por parte de Abastible', 'postventa.normalizacion.abastible'),
  ('Postventa', 'Cambio de tanques aéreos a subterráneos', 'Cambio de tanques aéreos a subterráneos', 'postventa.aereo-subterraneo.cambio'),
  ('Postventa', 'Problema acceso camión', 'Problema acceso camión', 'postventa.acceso-camion.acceso-camion'),
  ('Postventa', 'Cambio formato tanque', 'No factibilidad técnica', 'postventa.cambio-formato.no-factibilidad'),
  ('Postventa', 'Cambio formato tanque', 'No aprueba presupuesto', 'postventa.cambio-formato.no-aprueba-presupuesto'),
  ('Postventa', 'Cambio formato tanque', 'Generación nuevo proyecto', 'postventa.cambio-formato.nuevo-proyecto'),
  ('Cambio de Empresa Distribuidora', 'Cambio de Empresa Distribuidora', 'Solicitud de cambio', 'distribuidora.cambio-distribuidora.solicitud'),
  ('Cambio de Empresa Distribuidora', 'Cambio de Empresa Distribuidora', 'Cronogramas', 'distribuidora.cambio-distribuidora.cronogramas'),
  ('Cambio de Empresa Distribuidora', 'Cambio de Empresa Distribuidora', 'Plazos de ejecución cambios', 'distribuidora.cambio-distribuidora.plazos'),
  ('Cambio de Empresa Distribuidora', 'Cambio de Empresa Distribuidora', 'Trabajos efectuados', 'distribuidora.cambio-distribuidora.trabajos'),
  ('Cambio de Empresa Distribuidora', 'Cambio de Empresa Distribuidora', 'Retiro de instalaciones', 'distribuidora.cambio-distribuidora.retiro-instalaciones'),
  ('Cambio de Empresa Distribuidora', 'Cambio de Empresa Distribuidora', 'Restitución señalética', 'distribuidora.cambio-distribuidora.senaletica'),
  ('Cambio de Empresa Distribuidora', 'Cambio de Empresa Distribuidora', 'Habilitación del servicio/deuda', 'distribuidora.cambio-distribuidora.habilitacion'),
  ('Cambio de Empresa Distribuidora', 'Cambio de Empresa Distribuidora', 'Otros', 'distribuidora.cambio-distribuidora.otros')
  ) AS m (asunto, item, subitem, leaf_id)
 WHERE y.asunto = m.asunto AND y.item = m.item AND y.subitem = m.subitem;
-- A row of 002 that matches no leaf (none in the shipped list) stays for its tickets, retired.
UPDATE ticket_typologies SET active = false, default_due_days = resolution_days WHERE leaf_id IS NULL;
ALTER TABLE ticket_typologies ALTER COLUMN default_due_days SET NOT NULL;
ALTER TABLE ticket_typologies DROP COLUMN resolution_days;
CREATE UNIQUE INDEX ticket_typologies_leaf ON ticket_typologies (leaf_id);

-- Insistence links, and the back office's answer (trasvasije: balance in the customer's favour).
ALTER TABLE tickets ADD COLUMN related_ticket_id text REFERENCES tickets (id);
ALTER TABLE tickets ADD COLUMN answer text;
ALTER TABLE tickets ADD COLUMN reply_mailbox text;
ALTER TABLE tickets ADD COLUMN balance_amount numeric(14, 2) CHECK (balance_amount > 0);
ALTER TABLE tickets ADD COLUMN balance_unit text CHECK (balance_unit IN ('pesos', 'litros'));
ALTER TABLE tickets ADD COLUMN balance_approved boolean NOT NULL DEFAULT false;
ALTER TABLE tickets ADD CONSTRAINT tickets_balance_unit CHECK ((balance_amount IS NULL) = (balance_unit IS NULL));

-- One open ticket per customer and type; an insistence per earlier ticket.
DROP INDEX tickets_one_open;
CREATE UNIQUE INDEX tickets_one_open ON tickets (customer_code, typology_id, coalesce(related_ticket_id, ''))
  WHERE status = 'abierto';
-- The desk's look-up: a customer's tickets, newest first.
CREATE INDEX tickets_customer ON tickets (customer_code, created_at DESC);

-- Post-sale requirements from "Nuevo requerimiento": tickets, and the trasvasije walk-through record.
-- No mailbox by default (the ticket is the back office's work item); set one with PUT /admin/routes/KEY.
INSERT INTO routes (key, area_id, recipients, to_supervisor, creates_ticket) VALUES
  ('postventa', 'postventa', ARRAY[]::text[], false, true),
  ('trasvasije', 'postventa', ARRAY[]::text[], false, false);

-- The ticket a form opened or joined (an open one of that type already existed): a resent form
-- is answered `duplicate` with its ticket, so the desk learns the number even after a lost answer.
ALTER TABLE forms ADD COLUMN ticket_id text REFERENCES tickets (id);
