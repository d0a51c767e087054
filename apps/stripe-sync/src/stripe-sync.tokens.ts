export const STRIPE_CONFIG = Symbol('STRIPE_CONFIG');
