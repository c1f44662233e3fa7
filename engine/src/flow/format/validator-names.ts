// The name of a step kind's precompiled validator in validate-flow.generated.js: written by
// scripts/gen-schemas.ts, looked up by loader/validate.ts.
export const nodeValidatorName = (kind: string): string =>
  `validate${kind[0].toUpperCase()}${kind.slice(1)}Node`;
