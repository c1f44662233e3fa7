// Opening hours (Sprechzeiten) per weekday, as time ranges, plus the time zone.
import { useTranslation } from 'react-i18next';
import type { BusinessHours as Hours } from '../../../engine/src/flow/format/schema';
import { TextInput, TimeInput } from '../inspector/controls';
import { useEditor } from '../store/editor';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof DAYS)[number];
type Interval = [string, string];

export function BusinessHoursEditor() {
  const { t } = useTranslation();
  const hours = useEditor((s) => s.base.settings.businessHours);
  const update = (h: Hours, key?: string) =>
    useEditor.getState().updateFlow((f) => ({ ...f, settings: { ...f.settings, businessHours: h } }), key);
  const setDay = (day: Day, intervals: Interval[], key?: string) => {
    const weekly = { ...hours.weekly };
    if (intervals.length) weekly[day] = intervals;
    else delete weekly[day];
    update({ ...hours, weekly }, key);
  };
  return (
    <fieldset className="hours">
      <legend>{t('settings.hours')}</legend>
      <TextInput
        label={t('settings.timeZone')}
        value={hours.timeZone}
        onChange={(v) => update({ ...hours, timeZone: v }, 'tz')}
      />
      {DAYS.map((day) => {
        const list = (hours.weekly[day] ?? []) as Interval[];
        return (
          <div className="day" key={day}>
            <span className="day-name">{t(`days.${day}`)}</span>
            {list.length === 0 && <span className="muted">{t('settings.closed')}</span>}
            {list.map(([from, to], i) => (
              <span className="interval" key={i}>
                <TimeInput
                  aria-label={`${t(`days.${day}`)} ${i + 1} ${t('inspector.earliest')}`}
                  value={from}
                  onChange={(v) =>
                    setDay(
                      day,
                      list.map((x, j) => (j === i ? [v, x[1]] : x)),
                      `${day}${i}f`,
                    )
                  }
                />
                –
                <TimeInput
                  aria-label={`${t(`days.${day}`)} ${i + 1} ${t('inspector.latest')}`}
                  value={to}
                  onChange={(v) =>
                    setDay(
                      day,
                      list.map((x, j) => (j === i ? [x[0], v] : x)),
                      `${day}${i}t`,
                    )
                  }
                />
                <button
                  type="button"
                  aria-label={`${t('settings.removeInterval')}: ${t(`days.${day}`)} ${i + 1}`}
                  onClick={() =>
                    setDay(
                      day,
                      list.filter((_, j) => j !== i),
                    )
                  }
                >
                  ✕
                </button>
              </span>
            ))}
            <button
              type="button"
              aria-label={`${t('settings.addInterval')}: ${t(`days.${day}`)}`}
              onClick={() => setDay(day, [...list, ['08:00', '12:00']])}
            >
              +
            </button>
          </div>
        );
      })}
    </fieldset>
  );
}
