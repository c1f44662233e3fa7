// The phone numbers with one action each: the organisation's bindings („Trennen“) and the
// operator's assignments („Freigeben“) show a number, what answers it, and the action, the same way.
import type { ReactNode } from 'react';

type Props<T extends { number: string }> = {
  numbers: T[];
  /** Said instead of an empty list. */
  none: string;
  /** Browser tests find a row by `<testIdPrefix>-<number>`. */
  testIdPrefix: string;
  /** What the number leads to, after the arrow. */
  describe: (n: T) => ReactNode;
  actionLabel: string;
  /** Does the action and refreshes the list. */
  onAction: (n: T) => Promise<void>;
};

export function NumberList<T extends { number: string }>(props: Props<T>) {
  const { numbers, none, testIdPrefix, describe, actionLabel, onAction } = props;
  return (
    <>
      {numbers.length === 0 && <p className="muted">{none}</p>}
      <ul>
        {numbers.map((n) => (
          <li key={n.number} data-testid={`${testIdPrefix}-${n.number}`}>
            <strong>{n.number}</strong> → {describe(n)}{' '}
            <button type="button" onClick={() => void onAction(n)}>
              {actionLabel}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** „Praxis Probe (Version 3)“: a flow's name with the published version a number answers with. */
export const flowWithVersion = (name: string, version: number | null | undefined): string =>
  version ? `${name} (Version ${version})` : name;
