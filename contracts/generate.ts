import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VENDORS } from '../simulators/index.ts';

/** Writes contracts/<vendorId>/openapi.json for every served vendor (checked in; a test fails when stale). */
export function openApiPath(vendorId: string): string {
  return fileURLToPath(new URL(`./${vendorId}/openapi.json`, import.meta.url));
}

export function renderOpenApi(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const vendor of VENDORS) {
    writeFileSync(openApiPath(vendor.id), renderOpenApi(vendor.openapi()));
    console.log(`wrote ${openApiPath(vendor.id)}`);
  }
}
