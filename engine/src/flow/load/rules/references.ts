// Steps that use a detail (branch on a field, callback number) must name a detail the flow asks.
import { error, pointer, warning, type Diagnostic } from '../../diagnostics';
import type { BranchNode } from '../../format/schema';
import type { LintContext, Rule } from './context';

function unknownField(code: string, path: string, key: string, id: string): Diagnostic {
  return error(
    code,
    path,
    `Der Schritt „${id}“ verwendet die Angabe „${key}“, die in keiner Abfrage erfragt wird.`,
    `Step “${id}” uses detail “${key}”, which no questions step asks for.`,
  );
}

/** A branch on a choice detail should test that detail's answer options. */
function choiceMismatch(ctx: LintContext, id: string, node: BranchNode): Diagnostic[] {
  const field = node.field === undefined ? undefined : ctx.fields.get(node.field)?.[0]?.field;
  if (field?.type !== 'choice' || field.choices === undefined) return [];
  const known = new Set(field.choices.flatMap((c) => [c.value, c.label, ...(c.keywords ?? [])].map((s) => s.toLowerCase())));
  return node.options.flatMap((o, i) =>
    [o.id, ...o.keywords].some((k) => known.has(k.toLowerCase()))
      ? []
      : [
          warning(
            'branch.choice-mismatch',
            pointer('nodes', id, 'options', i),
            `Die Möglichkeit „${o.id}“ der Weiche „${id}“ passt zu keiner Antwortmöglichkeit der Angabe „${field.key}“ (${field.choices?.map((c) => c.value).join(', ')}); sie wird so nie gewählt.`,
            `Option “${o.id}” of branch “${id}” matches none of the answer options of detail “${field.key}” (${field.choices?.map((c) => c.value).join(', ')}), so it is never chosen.`,
          ),
        ],
  );
}

export const fieldReferences: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  for (const [id, node] of Object.entries(ctx.nodes)) {
    if (node.kind === 'branch' && node.field !== undefined) {
      if (!ctx.fields.has(node.field)) out.push(unknownField('branch.unknown-field', pointer('nodes', id, 'field'), node.field, id));
      else out.push(...choiceMismatch(ctx, id, node));
    }
    if (node.kind === 'callback' && node.numberField !== undefined) {
      const sites = ctx.fields.get(node.numberField);
      if (sites === undefined) {
        out.push(unknownField('callback.unknown-field', pointer('nodes', id, 'numberField'), node.numberField, id));
      } else if (sites[0].field.type !== 'phone') {
        out.push(
          warning(
            'callback.number-not-phone',
            pointer('nodes', id, 'numberField'),
            `Der Rückrufwunsch „${id}“ nimmt die Rückrufnummer aus „${node.numberField}“, das aber keine Telefonnummer ist.`,
            `Callback request “${id}” takes the callback number from “${node.numberField}”, which is not a phone number.`,
          ),
        );
      }
    }
  }
  return out;
};
