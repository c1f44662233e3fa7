// Steps that use a detail (branch on a field, callback number) must name a detail the flow asks.
import { error, pointer, warning, type Diagnostic } from '../../diagnostics';
import type { BranchNode } from '../../format/schema';
import { langOf, matchKeywords } from '../../nlu';
import type { LintContext, Rule } from './context';

function unknownField(code: string, path: string, key: string, id: string): Diagnostic {
  return error(
    code,
    path,
    `Der Schritt „${id}“ verwendet die Angabe „${key}“, die in keiner Abfrage erfragt wird.`,
    `Step “${id}” uses detail “${key}”, which no questions step asks for.`,
  );
}

/**
 * A branch on a choice detail tests the stored answer, which is the chosen option's `value`; an
 * option whose keywords match no value is never taken. Matched exactly as the interpreter does.
 */
function choiceMismatch(ctx: LintContext, id: string, node: BranchNode): Diagnostic[] {
  const field = node.field === undefined ? undefined : ctx.fields.get(node.field)?.[0]?.field;
  if (field?.type !== 'choice' || field.choices === undefined) return [];
  const lang = langOf(ctx.flow.language);
  const values = field.choices.map((c) => c.value);
  return node.options.flatMap((o, i) =>
    values.some((v) => matchKeywords(v, o.keywords, lang) !== null)
      ? []
      : [
          warning(
            'branch.choice-mismatch',
            pointer('nodes', id, 'options', i),
            `Die Stichwörter der Möglichkeit „${o.id}“ der Weiche „${id}“ passen zu keiner Antwortmöglichkeit der Angabe „${field.key}“ (${values.join(', ')}); sie wird so nie gewählt.`,
            `The keywords of option “${o.id}” of branch “${id}” match none of the answer options of detail “${field.key}” (${values.join(', ')}), so it is never chosen.`,
          ),
        ],
  );
}

/** A branch decides on a collected detail, or else on the answer to its question. */
function branchInput(id: string, node: BranchNode): Diagnostic[] {
  if (node.field === undefined && node.prompt === undefined) {
    return [
      warning(
        'branch.no-input',
        pointer('nodes', id),
        `Die Weiche „${id}“ hat weder eine Frage noch eine Angabe, nach der sie entscheidet: Sie nimmt immer „sonst“.`,
        `Branch “${id}” has neither a question nor a detail to decide on: it always takes “otherwise”.`,
      ),
    ];
  }
  if (node.field !== undefined && node.prompt !== undefined) {
    return [
      warning(
        'branch.prompt-ignored',
        pointer('nodes', id, 'prompt'),
        `Die Weiche „${id}“ entscheidet nach der Angabe „${node.field}“; ihre Frage wird deshalb nie gestellt.`,
        `Branch “${id}” decides on detail “${node.field}”, so its question is never asked.`,
      ),
    ];
  }
  return [];
}

export const fieldReferences: Rule = (ctx) => {
  const out: Diagnostic[] = [];
  for (const [id, node] of Object.entries(ctx.nodes)) {
    if (node.kind === 'branch') out.push(...branchInput(id, node));
    if (node.kind === 'branch' && node.field !== undefined) {
      if (!ctx.fields.has(node.field))
        out.push(unknownField('branch.unknown-field', pointer('nodes', id, 'field'), node.field, id));
      else out.push(...choiceMismatch(ctx, id, node));
    }
    if (node.kind === 'callback' && node.numberField !== undefined) {
      const sites = ctx.fields.get(node.numberField);
      if (sites === undefined) {
        out.push(
          unknownField('callback.unknown-field', pointer('nodes', id, 'numberField'), node.numberField, id),
        );
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
