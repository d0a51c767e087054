export const ZUORA_CONFIG = Symbol('ZUORA_CONFIG');
