import { dateLocale } from '../i18n/dateLocale';
import { useI18n } from '../i18n/I18nContext';
import type { SnapshotInfo } from './historyApi';

/** How a snapshot is named to a person: its name, or why Paja took it; with its time. */
export function useSnapshotLabels() {
  const { t, locale } = useI18n();
  const when = (at: number) =>
    new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(
      at,
    );
  const label = (s: SnapshotInfo) => s.name || t(`history.auto.${s.auto ?? 'hourly'}`);
  return {
    label,
    /** "Name · time", or with `byToo` "time · by Name" (the list's second line). */
    titled(s: SnapshotInfo, byToo = false) {
      if (byToo) return `${when(s.at)}${s.by ? ` · ${t('history.by', { name: s.by })}` : ''}`;
      return `${label(s)} · ${when(s.at)}`;
    },
  };
}
