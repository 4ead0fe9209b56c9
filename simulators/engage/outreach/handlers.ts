import type { OUTREACH_OPERATIONS } from '../../../contracts/engage/operations.ts';
import type { SoapHandler, SoapHandlers } from '../../core/soap.ts';
import { notImplemented } from '../errors.ts';
import type { EngageState } from '../models.ts';

/** Declared (the WSDL lists them) but served by part 2: until then a labelled SOAP fault. */
const pending: SoapHandler<EngageState> = (call) => {
  throw notImplemented(call.operation.name);
};

export const outreachHandlers: SoapHandlers<EngageState, typeof OUTREACH_OPERATIONS> = {
  createSubCampaign: pending,
  listSubCampaigns: pending,
  showSubCampaignStateUsingContactAttempt: pending,
  changeSubCampaign: pending,
  showSubCampaignState: pending,
  listSubCampaignStates: pending,
  changeSubCampaignState: pending,
  createContactAttempts: pending,
  createContactBatch: pending,
  createContactBatchAsync: pending,
  showContactBatchState: pending,
  listContactBatchStates: pending,
  changeContactBatchState: pending,
  showContactAttempts: pending,
  listContactAttempts: pending,
  listContactAttemptsUsingUser: pending,
  listContactAttemptsUsingContactBatch: pending,
  changeContactAttempt: pending,
  createSubCampaignUsingInboundDevice: pending,
  previewPacing: pending,
};
