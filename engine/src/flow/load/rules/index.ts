// Every semantic rule, run in this order on a schema-valid flow. Add a rule by writing
// ./<name>.ts exporting a `Rule` and listing it here; document its codes in engine/src/flow/README.md.
import type { Diagnostic } from '../../diagnostics';
import type { LintContext, Rule } from './context';

export const RULES: readonly Rule[] = [];

export function runRules(ctx: LintContext): Diagnostic[] {
  return RULES.flatMap((rule) => rule(ctx));
}
