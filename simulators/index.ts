import type { AnyVendor } from './core/vendor.ts';
import { eightbyeight } from './eightbyeight/index.ts';
import { engage } from './engage/index.ts';
import { jtel } from './jtel/index.ts';
import { sinch } from './sinch/index.ts';
import { symbee } from './symbee/index.ts';

/** Every vendor the process serves, in mount order. Add a vendor here and it is served, seeded and documented. */
export const VENDORS: readonly AnyVendor[] = [symbee, eightbyeight, sinch, jtel, engage];
