// The published-contract checks, apart from the test kit's main entry: they load ajv, a dev
// dependency, and `npm start` and the subsync image's launcher import the main entry.
export {
  PUBLISHED_CONTRACTS,
  PublishedMessageValidator,
  type PublishedRecord,
} from './published-message-validator';
