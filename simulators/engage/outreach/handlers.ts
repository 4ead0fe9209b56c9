import type { OUTREACH_OPERATIONS } from '../../../contracts/engage/operations.ts';
import type { SoapHandler, SoapHandlers } from '../../core/soap.ts';
import type { EngageState } from '../models.ts';
import * as batches from './batch-methods.ts';
import { asMethodFault } from '../errors.ts';
import * as subCampaigns from './sub-campaign-methods.ts';

/** A model fault re-worded as the served method's page words its code (see faults.ts). */
const worded =
  (handler: SoapHandler<EngageState>): SoapHandler<EngageState> =>
  (call) => {
    try {
      return handler(call);
    } catch (err) {
      throw asMethodFault(err, call.operation.name);
    }
  };

/** Part 2: the document's 20 outreach methods. */
export const outreachHandlers: SoapHandlers<EngageState, typeof OUTREACH_OPERATIONS> = {
  createSubCampaign: worded(subCampaigns.createSubCampaign),
  listSubCampaigns: worded(subCampaigns.listSubCampaigns),
  showSubCampaignStateUsingContactAttempt: worded(subCampaigns.showSubCampaignStateUsingContactAttempt),
  changeSubCampaign: worded(subCampaigns.changeSubCampaign),
  showSubCampaignState: worded(subCampaigns.showSubCampaignState),
  listSubCampaignStates: worded(subCampaigns.listSubCampaignStates),
  changeSubCampaignState: worded(subCampaigns.changeSubCampaignState),
  createContactAttempts: worded(batches.createContactAttempts),
  createContactBatch: worded(batches.createContactBatch),
  createContactBatchAsync: worded(batches.createContactBatchAsync),
  showContactBatchState: worded(batches.showContactBatchState),
  listContactBatchStates: worded(batches.listContactBatchStates),
  changeContactBatchState: worded(batches.changeContactBatchState),
  showContactAttempts: worded(batches.showContactAttempts),
  listContactAttempts: worded(batches.listContactAttempts),
  listContactAttemptsUsingUser: worded(batches.listContactAttemptsUsingUser),
  listContactAttemptsUsingContactBatch: worded(batches.listContactAttemptsUsingContactBatch),
  changeContactAttempt: worded(batches.changeContactAttempt),
  createSubCampaignUsingInboundDevice: worded(subCampaigns.createSubCampaignUsingInboundDevice),
  previewPacing: worded(subCampaigns.previewPacing),
};
