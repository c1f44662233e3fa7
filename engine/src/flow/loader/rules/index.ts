// Every semantic rule, run in this order on a schema-valid flow. Add a rule by writing
// ./<name>.ts exporting a `Rule` and listing it here; document its codes in engine/src/flow/README.md.
import type { Diagnostic } from '../../diagnostics';
import { aiNotice } from './ai-notice';
import { callbackNumberAsked } from './callback-number';
import type { LintContext, Rule } from './context';
import { consentBeforeCollect, consentFirst, consentRefusal } from './consent';
import { fieldKeys, fieldSettings } from './fields';
import { facts } from './facts';
import { escapeTarget, handoffFallbackLoop, handoffTargetAllowed } from './handoff';
import { triggerKeywords, uniqueIds } from './ids';
import { placeholderTexts } from './placeholder-texts';
import { confidentialFields, sensitiveFields, zeroPersistence } from './privacy';
import { reachability } from './reachability';
import { fieldReferences } from './references';
import { businessHours, callbackWindow, delivery } from './settings';
import { targets } from './targets';
import { templates } from './templates';

export const RULES: readonly Rule[] = [
  targets,
  reachability,
  consentFirst,
  consentBeforeCollect,
  consentRefusal,
  aiNotice,
  escapeTarget,
  handoffTargetAllowed,
  handoffFallbackLoop,
  zeroPersistence,
  sensitiveFields,
  confidentialFields,
  fieldKeys,
  fieldSettings,
  fieldReferences,
  templates,
  placeholderTexts,
  uniqueIds,
  triggerKeywords,
  delivery,
  businessHours,
  callbackWindow,
  callbackNumberAsked,
  facts,
];

export function runRules(ctx: LintContext): Diagnostic[] {
  return RULES.flatMap((rule) => rule(ctx));
}
