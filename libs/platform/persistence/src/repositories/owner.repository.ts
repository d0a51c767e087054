/** The customer and owner identity behind a billing account; see `findOrCreateOwners`. */
export interface Owner {
  customerId: string;
  ownerId: string;
  /** Set by `findOrCreateOwners` when it created the customer, with the contact it was given. */
  customerCreated?: true;
}
