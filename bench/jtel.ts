/**
 * jtel bench: list latency with 10,000 ACD events and 100,000 dialler contacts (seeded through the backdoors), read
 * through the reference client — all events, all contacts, one campaign's contacts, one object by id — plus the
 * create latency of one event and one clone. `npm run bench` calls the default export; `npx tsx bench/jtel.ts
 * [events] [contacts]` runs it alone.
 */
import { fileURLToPath } from 'node:url';
import { JtelClient, type JtelSandboxSection, jtelConfigFromSandbox } from '../src/clients/jtel/index.ts';
import { createSandboxSection } from './lib/http.ts';
import { freePort, simulatorCommand, startServer } from './lib/processes.ts';

const EVENTS = 10_000;
const CONTACTS = 100_000;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: Math.round(performance.now() - started), value };
}

/** Median of a few runs: list latency, not the first call's warm-up. */
async function median<T>(runs: number, run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await timed(run));
  results.sort((a, b) => a.ms - b.ms);
  return results[Math.floor(runs / 2)]!;
}

export default async function run(events = EVENTS, contacts = CONTACTS): Promise<Record<string, unknown>> {
  const port = await freePort();
  const sim = await startServer(simulatorCommand(port), port, '/__admin/health');
  try {
    const section = await createSandboxSection<
      JtelSandboxSection & { diallerCampaigns: { id: number; name: string }[] }
    >(sim.url, 'jtel', {
      id: 'bench-jtel',
      seed: 1,
      clock: { now: '2024-03-01T10:00:00Z', frozen: true },
      journal: { enabled: false },
      options: { jtel: { contactsPerCampaign: 0 } },
    });
    const admin = (path: string, body: unknown) =>
      fetch(`${sim.url}/__admin/sandboxes/bench-jtel/vendors/jtel${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.status);
    const campaign = section.diallerCampaigns[0]!.id;
    const seedEvents = await timed(() => admin('/acd/events', { generate: events }));
    const seedContacts = await timed(() =>
      admin('/dialler/contacts', { diallerCampaignsID: campaign, generate: contacts }),
    );
    const client = new JtelClient(jtelConfigFromSandbox(section, { timeoutMs: 120_000 }));

    const allEvents = await median(3, () => client.listAcdEvents());
    const allContacts = await median(3, () => client.listDiallerContacts());
    const campaignContacts = await median(3, () => client.listDiallerContacts(campaign));
    const otherCampaign = await median(3, () => client.listDiallerContacts(section.diallerCampaigns[1]!.id));
    const oneEvent = await median(5, () => client.getAcdEvent(1001 + Math.floor(events / 2)));
    const oneContact = await median(5, () => client.getDiallerContact(500001 + Math.floor(contacts / 2)));
    const create = await median(5, () =>
      client.createAcdEvent({
        AcdEventTypesID: 5,
        AcdGroupsID: 102,
        Sender: `bench-${Math.random()}@example.com`,
        Subject: 'bench',
      }),
    );
    let n = 0;
    const clone = await median(3, () =>
      client.cloneDiallerCampaign(section.diallerCampaigns[0]!.name, `Bench clone ${n++}`),
    );

    return {
      events,
      contacts,
      seed: { eventsMs: seedEvents.ms, contactsMs: seedContacts.ms },
      listAcdEvents: { ms: allEvents.ms, records: allEvents.value.length },
      listDiallerContacts: { ms: allContacts.ms, records: allContacts.value.length },
      listDiallerContactsOfCampaign: { ms: campaignContacts.ms, records: campaignContacts.value.length },
      listDiallerContactsOfEmptyCampaign: { ms: otherCampaign.ms, records: otherCampaign.value.length },
      getAcdEvent: { ms: oneEvent.ms },
      getDiallerContact: { ms: oneContact.ms },
      createAcdEventWithDuplicateCheck: { ms: create.ms },
      cloneDiallerCampaign: { ms: clone.ms },
    };
  } finally {
    await sim.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(
    JSON.stringify(await run(Number(process.argv[2] ?? EVENTS), Number(process.argv[3] ?? CONTACTS)), null, 2),
  );
}
