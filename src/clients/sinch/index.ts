export * from './client.ts';
export * from './errors.ts';
export { HttpError, NetworkError, TimeoutError, type RetryPolicy } from '../core/http.ts';
export type {
  CallResult,
  Campaign,
  CampaignUpdate,
  Customer,
  DialingMode,
  NewCustomer,
  SettableStatus,
} from '../../../contracts/sinch/schemas.ts';
