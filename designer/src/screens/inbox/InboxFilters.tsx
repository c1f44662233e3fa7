// The inbox's controls: filter by flow, urgent only, open/done — and the search by number,
// which goes to the server in a request body (never into the address or a query string) and
// is not remembered by the browser (autocomplete off).
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxFilter, StatusFilter } from './filter';

interface Props {
  filter: InboxFilter;
  onFilter(f: InboxFilter): void;
  flows: { id: string; name: string }[];
  searching: boolean;
  onSearch(number: string): void;
  onClearSearch(): void;
}

export function InboxFilters({ filter, onFilter, flows, searching, onSearch, onClearSearch }: Props) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const id = useId();
  return (
    <div className="inbox-controls">
      <form
        role="search"
        aria-label={t('inbox.searchLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          if (number.trim()) onSearch(number.trim());
        }}
      >
        <label htmlFor={`${id}-number`}>{t('inbox.searchNumber')}</label>
        <input
          id={`${id}-number`}
          type="tel"
          autoComplete="off"
          placeholder="030 1234567"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
        />
        <button type="submit">{t('inbox.search')}</button>
        {searching && (
          <button
            type="button"
            onClick={() => {
              setNumber('');
              onClearSearch();
            }}
          >
            {t('inbox.clearSearch')}
          </button>
        )}
      </form>
      <fieldset>
        <legend className="sr-only">{t('inbox.filters')}</legend>
        <label>
          {t('inbox.flow')}{' '}
          <select value={filter.flow} onChange={(e) => onFilter({ ...filter, flow: e.target.value })}>
            <option value="">{t('inbox.allFlows')}</option>
            {flows.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={filter.urgent}
            onChange={(e) => onFilter({ ...filter, urgent: e.target.checked })}
          />{' '}
          {t('inbox.onlyUrgent')}
        </label>
        <label>
          {t('inbox.status')}{' '}
          <select
            value={filter.status}
            onChange={(e) => onFilter({ ...filter, status: e.target.value as StatusFilter })}
          >
            <option value="all">{t('inbox.statusAll')}</option>
            <option value="new">{t('inbox.statusOpen')}</option>
            <option value="done">{t('inbox.statusDone')}</option>
          </select>
        </label>
      </fieldset>
    </div>
  );
}
