import type { CONFIGURATION_OPERATIONS } from '../../../contracts/engage/operations.ts';
import type { SoapHandlers } from '../../core/soap.ts';
import type { EngageState } from '../models.ts';
import * as campaigns from './campaigns.ts';
import * as compliance from './compliance.ts';
import * as scripts from './scripts.ts';
import * as strategies from './strategies.ts';

/** Part 1: the document's 19 configuration methods. */
export const configurationHandlers: SoapHandlers<EngageState, typeof CONFIGURATION_OPERATIONS> = {
  createScript: scripts.createScript,
  createScriptUsingContent: scripts.createScriptUsingContent,
  deleteScript: scripts.deleteScript,
  listScripts: scripts.listScripts,
  createCampaign: campaigns.createCampaign,
  showCampaign: campaigns.showCampaign,
  listCampaigns: campaigns.listCampaigns,
  listCampaignsUsingCampaign: campaigns.listCampaignsUsingCampaign,
  changeCampaign: campaigns.changeCampaign,
  createOutreachStrategy: strategies.createOutreachStrategy,
  deleteOutreachStrategy: strategies.deleteOutreachStrategy,
  showOutreachStrategy: strategies.showOutreachStrategy,
  listOutreachStrategy: strategies.listOutreachStrategy,
  changeOutreachStrategy: strategies.changeOutreachStrategy,
  createComplianceRule: compliance.createComplianceRule,
  deleteComplianceRule: compliance.deleteComplianceRule,
  showComplianceRule: compliance.showComplianceRule,
  listComplianceRules: compliance.listComplianceRules,
  changeComplianceRule: compliance.changeComplianceRule,
};
