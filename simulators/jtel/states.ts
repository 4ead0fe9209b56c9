import { type PactRequestView, type ProviderStateCatalogue, acceptedRequests } from '../core/states.ts';

/**
 * How a consumer's jtel pact maps onto the simulator: its paths (`/rest/v1.0/{ClientsID}/...`) are mounted below
 * `/jtel` (the default), and the verification sandbox takes the ClientsID and Bearer token the pact's accepted
 * requests send. No vendor-specific states yet: the kernel's (`a fresh sandbox`, …) apply; the fixtures
 * (docs/vendors/jtel.md) are what a fresh sandbox holds.
 */
function credentialsOf(request: PactRequestView): { clientsId: number; token: string } | undefined {
  const clientsId = /^\/rest\/v1\.0\/(\d{1,9})\//.exec(request.path)?.[1];
  const auth = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const token = /^Bearer +([A-Za-z0-9\-._~+/]{8,200}=*)$/i.exec(auth ?? '')?.[1];
  return clientsId && token && Number(clientsId) >= 1 ? { clientsId: Number(clientsId), token } : undefined;
}

export const jtelStates: ProviderStateCatalogue = {
  sandboxOptions(requests) {
    return (
      acceptedRequests(requests)
        .map(credentialsOf)
        .find((c) => c !== undefined) ?? {}
    );
  },
  states: [],
};
