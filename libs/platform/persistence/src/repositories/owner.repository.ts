/** The customer and owner identity behind a billing account; see `findOrCreateOwners`. */
export interface Owner {
  customerId: string;
  ownerId: string;
}
