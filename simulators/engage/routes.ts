import { ENGAGE_OPERATIONS, type EngageService, SERVICES } from '../../contracts/engage/operations.ts';
import { engageWsdl } from '../../contracts/engage/wsdl.ts';
import { reply } from '../core/reply.ts';
import { bindSoap, soapDispatch } from '../core/soap.ts';
import { type AdminRoute, type BodyDispatch, type Operation, restOperation } from '../core/vendor.ts';
import * as admin from './admin.ts';
import { handlers, protocol } from './handlers.ts';
import { outreachAdminRoutes } from './outreach/admin.ts';
import type { EngageState } from './models.ts';

const services = Object.keys(SERVICES) as EngageService[];

/** The API's methods, as declared in the contracts, each bound to its handler through the SOAP binding. */
const methods = bindSoap(ENGAGE_OPERATIONS, protocol, handlers);

/** `GET {service}?wsdl`: the service's WSDL, its address this server (as JAX-WS publishes it). */
const wsdls: Operation<EngageState>[] = services.map((service) =>
  restOperation<EngageState>(
    'GET',
    SERVICES[service],
    ({ req }) => {
      const host = req.get('host') ?? '127.0.0.1';
      return reply.text(200, engageWsdl(service, `${req.protocol}://${host}${req.baseUrl}`), 'text/xml; charset=utf-8');
    },
    { name: `wsdl ${service}`, readOnly: true },
  ),
);

export const operations: Operation<EngageState>[] = [...methods, ...wsdls];

/** One dispatcher per service URL: the Body's first element names the method. */
export const dispatch: BodyDispatch[] = services.map((service) =>
  soapDispatch(SERVICES[service], ENGAGE_OPERATIONS, protocol),
);

/** The WSDL paths, for `GET /__admin/vendors/engage`. */
export const wsdlPaths = services.map((service) => `${SERVICES[service]}?wsdl`);

/** Test-only backdoors, mounted at `/__admin/sandboxes/:id/vendors/engage`. */
export const adminRoutes: AdminRoute<EngageState>[] = [
  { method: 'POST', path: '/seed', handler: admin.seed },
  ...outreachAdminRoutes,
];
