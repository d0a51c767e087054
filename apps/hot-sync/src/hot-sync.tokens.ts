export const HOT_SYNC_CONFIG = Symbol('HOT_SYNC_CONFIG');
