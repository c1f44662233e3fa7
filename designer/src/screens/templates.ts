// The example flows as templates, bundled so "new from template" also works offline. With a
// server, the server creates the flow from its own copy of the same templates.
import arztpraxis from '../../../flows/arztpraxis.flow.json';
import kanzlei from '../../../flows/kanzlei.flow.json';
import supportDesk from '../../../flows/support-desk.flow.json';
import type { Flow } from '../../../engine/src/flow/format/schema';

export interface Template {
  id: string;
  label: { de: string; en: string };
  flow: Flow;
}

export const TEMPLATES: Template[] = [
  {
    id: 'arztpraxis',
    label: { de: 'Arztpraxis', en: "Doctor's office" },
    flow: arztpraxis as unknown as Flow,
  },
  { id: 'kanzlei', label: { de: 'Kanzlei', en: 'Law firm' }, flow: kanzlei as unknown as Flow },
  {
    id: 'support-desk',
    label: { de: 'Kundenservice', en: 'Support desk' },
    flow: supportDesk as unknown as Flow,
  },
];
