export * from './callout-parameters';
export * from './callout-origin.policy';
