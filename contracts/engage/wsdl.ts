import { buildWsdl } from '../../simulators/core/wsdl.ts';
import { ENGAGE_TYPES } from './entities.ts';
import { ENGAGE_NAMESPACE, type EngageService, SERVICES, operationsOf } from './operations.ts';

/** The element a fault's `detail` holds (assumed layout: the document names codes, not the XML around them). */
export const FAULT_DETAIL = { element: 'ApiFault', fields: ['errorCode', 'message'] } as const;

/** `CampaignManagementService110`, … (the last segment of the service path). */
export const serviceName = (service: EngageService) => SERVICES[service].slice(SERVICES[service].lastIndexOf('/') + 1);

/**
 * The WSDL of one Engage service, generated from the operation declarations and entity schemas the simulator
 * validates with (no public WSDL exists: README). `baseUrl` is where the vendor is mounted (`http://host/engage`).
 */
export function engageWsdl(service: EngageService, baseUrl: string): string {
  return buildWsdl({
    name: serviceName(service),
    namespace: ENGAGE_NAMESPACE,
    location: `${baseUrl}${SERVICES[service]}`,
    operations: operationsOf(service),
    types: ENGAGE_TYPES,
    fault: FAULT_DETAIL,
  });
}
