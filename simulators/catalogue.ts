/**
 * Every vendor of the product, served today or planned: the ids scenario files and the CLI may name. The kernel
 * itself is open (it serves whatever vendors it is given, tests register their own); this list is the product's.
 */
export const PRODUCT_VENDOR_IDS = ['symbee', 'sinch', 'eightbyeight', 'jtel', 'engage'] as const;
export type ProductVendorId = (typeof PRODUCT_VENDOR_IDS)[number];
