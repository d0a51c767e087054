export * from './stripe-webhook-events';
export * from './stripe-event-origin.policy';
