import type { JsonFix } from './vendor-docs.ts';

/**
 * The only edits the document examples get before they are replayed: their JSON is invalid, and Jackson (like any
 * JSON parser) refuses it — as the simulators do (400 "Malformed JSON"). Nothing else of an example is changed.
 */
export const SYMBEE_DOCUMENT = '000_896b9bfefd5c0458.txt';
export const SYMBEE_FIXES: JsonFix[] = [
  {
    find: '            "displayOrder" : 3\n        } \n        {',
    replace: '            "displayOrder" : 3\n        }, \n        {',
    why: 'addOrUpdateCampaignRecord request: missing comma between two data items',
  },
  {
    find: '            "value" : "Open Invoice Total",\n        }, \n    ]',
    replace: '            "value" : "Open Invoice Total"\n        } \n    ]',
    why: 'addOrUpdateCampaignRecord request: trailing commas after the last property and the last item',
  },
  {
    find: '    "maxRecords" : 50\n',
    replace: '    "maxRecords" : 50,\n',
    why: 'criteria search request: missing comma after maxRecords',
  },
  {
    find: '                    "displayOrder": 11\n                },\n            ]',
    replace: '                    "displayOrder": 11\n                }\n            ]',
    why: 'search response: trailing comma after the last data item',
  },
  {
    find: '    "timeZone" : "Europe/Berlin",\n}',
    replace: '    "timeZone" : "Europe/Berlin"\n}',
    why: 'transferCampaignRecord request: trailing comma',
  },
  {
    find: '    "clientId" : "111111",\n}',
    replace: '    "clientId" : "111111"\n}',
    why: 'deleteRecordFromCampaign request: trailing comma',
  },
];

export const SINCH_DOCUMENT = '001_fcacb40c9896fb10.txt';
export const SINCH_FIXES: JsonFix[] = [
  {
    find: '"queueId": "63AA93F493A54C5A8597FCFA670B2382",\n}',
    replace: '"queueId": "63AA93F493A54C5A8597FCFA670B2382"\n}',
    why: 'PUT /campaigns/{id} request: trailing comma',
  },
  {
    find: 'which of the following brands would you prefer?\n}',
    replace: 'which of the following brands would you prefer?"\n}',
    why: 'customer responses: the first script question lacks its closing quote',
    times: 2,
  },
  {
    find: '"id": "3B3BAFB4FD1444478DBF0658EDF389CC"\n}\n}]',
    replace: '"id": "3B3BAFB4FD1444478DBF0658EDF389CC"\n}]',
    why: 'GET /customers response: a stray closing brace',
  },
  {
    find: '"timeZone": "Europe/Helsinki"\n}\n}',
    replace: '"timeZone": "Europe/Helsinki"\n}',
    why: 'POST /customers request: a stray closing brace',
  },
];
