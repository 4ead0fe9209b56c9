export * from './client.ts';
export * from './errors.ts';
export { HttpError, NetworkError, TimeoutError, type RetryPolicy } from '../core/http.ts';
