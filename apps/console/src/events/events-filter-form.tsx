import { useEffect, useState } from 'preact/hooks';
import { EVENT_STATUSES, EVENT_TYPES, PROVIDERS } from '../api/api-types';
import { isoToLocalInput, localInputToIso } from '../format/format';
import { type EventFilters, NO_FILTERS } from './event-filters';

interface Props {
  filters: EventFilters;
  onApply: (filters: EventFilters) => void;
}

/** What the inputs hold: from/to as local `datetime-local` values rather than instants. */
function draftOf(filters: EventFilters): EventFilters {
  return { ...filters, from: isoToLocalInput(filters.from), to: isoToLocalInput(filters.to) };
}

export function EventsFilterForm({ filters, onApply }: Props) {
  const [draft, setDraft] = useState(() => draftOf(filters));
  // Back/forward or a link changes the URL: the inputs follow it.
  useEffect(() => setDraft(draftOf(filters)), [filters]);

  const set = (name: keyof EventFilters) => (event: Event) => {
    const { value } = event.currentTarget as HTMLInputElement | HTMLSelectElement;
    setDraft((current) => ({ ...current, [name]: value }));
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onApply({
      ...draft,
      subscription: draft.subscription.trim(),
      from: localInputToIso(draft.from),
      to: localInputToIso(draft.to),
    });
  };

  return (
    <form class="filters" aria-label="Event filters" onSubmit={submit}>
      <Choice
        id="filter-status"
        label="Status"
        value={draft.status}
        options={EVENT_STATUSES}
        onChange={set('status')}
      />
      <Choice
        id="filter-type"
        label="Type"
        value={draft.type}
        options={EVENT_TYPES}
        onChange={set('type')}
      />
      <Choice
        id="filter-provider"
        label="Provider"
        value={draft.provider}
        options={PROVIDERS}
        onChange={set('provider')}
      />
      <div class="field">
        <label for="filter-subscription">Subscription</label>
        <input
          id="filter-subscription"
          type="text"
          placeholder="sub-…"
          spellcheck={false}
          value={draft.subscription}
          onInput={set('subscription')}
        />
      </div>
      <div class="field">
        <label for="filter-from">From</label>
        <input id="filter-from" type="datetime-local" value={draft.from} onInput={set('from')} />
      </div>
      <div class="field">
        <label for="filter-to">To</label>
        <input id="filter-to" type="datetime-local" value={draft.to} onInput={set('to')} />
      </div>
      <div class="filter-actions">
        <button type="submit" class="button button-primary">
          Apply
        </button>
        <button type="button" class="button" onClick={() => onApply(NO_FILTERS)}>
          Clear
        </button>
      </div>
    </form>
  );
}

interface ChoiceProps {
  id: string;
  label: string;
  value: string;
  options: readonly string[];
  onChange: (event: Event) => void;
}

function Choice({ id, label, value, options, onChange }: ChoiceProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={onChange}>
        <option value="">any</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}
