// Where someone types a phone number (binding, assigning, a transfer target): written any way a
// person writes it („030 123456“, „+49 30 123456“); the server reads it and names a typing
// mistake, so the browser does not second-guess the format.
type Props = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Numbers offered while typing, e.g. those the operator assigned to the organisation. */
  suggestions?: string[];
};

export function NumberField({ id, label, value, onChange, suggestions }: Props) {
  const listId = suggestions ? `${id}-suggestions` : undefined;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} list={listId} value={value} onChange={(e) => onChange(e.target.value)} required />
      {suggestions && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </>
  );
}
