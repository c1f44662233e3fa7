// The templates a new flow can start from, bundled so "new from template" also works offline. With a
// server, the server creates the flow from its own copy of the same templates (`{ template, name }`).
import arztpraxis from '../../../flows/arztpraxis.flow.json';
import kanzlei from '../../../flows/kanzlei.flow.json';
import kundenservice from '../../../flows/kundenservice.flow.json';
import supportDesk from '../../../flows/support-desk.flow.json';
import { BLANK_TEMPLATE_ID, blankFlow } from '../../../engine/src/flow/format/blank';
import type { Flow } from '../../../engine/src/flow/format/schema';

export interface Template {
  id: string;
  label: { de: string; en: string };
  flow: Flow;
}

/**
 * A bundled example flow. TypeScript infers a JSON file's types wide (`"kind": string`, arrays
 * instead of pairs), so it cannot see that the file is a Flow; the example flows are checked
 * where it matters — every one loads without errors and passes its conversation tests
 * (`test/cli/example-flows.test.ts`, `engine/src/flow/conversation/flows.test.ts`).
 */
const exampleFlow = (json: object): Flow => json as Flow;

export const TEMPLATES: Template[] = [
  { id: 'arztpraxis', label: { de: 'Arztpraxis', en: "Doctor's office" }, flow: exampleFlow(arztpraxis) },
  { id: 'kanzlei', label: { de: 'Kanzlei', en: 'Law firm' }, flow: exampleFlow(kanzlei) },
  {
    id: 'kundenservice',
    label: { de: 'Kundenservice', en: 'Support desk (German)' },
    flow: exampleFlow(kundenservice),
  },
  {
    id: 'support-desk',
    label: { de: 'Kundenservice auf Englisch', en: 'Support desk (English)' },
    flow: exampleFlow(supportDesk),
  },
  {
    id: BLANK_TEMPLATE_ID,
    label: { de: 'Leerer Ablauf (nur die Pflichtschritte)', en: 'Blank flow (only the required steps)' },
    flow: blankFlow(),
  },
];
